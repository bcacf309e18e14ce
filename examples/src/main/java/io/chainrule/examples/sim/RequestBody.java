package io.chainrule.examples.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's JSON body: one object of strings, numbers and booleans (what the simulations' requests hold), read
 * strictly so that every mistake is one line naming the character or the field. Nested values are refused rather
 * than ignored.
 */
final class RequestBody {
    private final Map<String, Object> fields;

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** The body of {@code text}; an empty body is an empty object. */
    static RequestBody parse(String text) {
        if (text.isBlank()) {
            return new RequestBody(Map.of());
        }
        return new RequestBody(new Reader(text).object());
    }

    /** Fails on a field not in {@code known}, naming the fields that are. */
    RequestBody only(Set<String> known) {
        for (String name : fields.keySet()) {
            if (!known.contains(name)) {
                throw HttpFailure.badRequest("unknown field '" + name + "': " + (known.isEmpty()
                        ? "this request takes none" : "expected " + String.join(", ", known.stream().sorted()
                        .toList())));
            }
        }
        return this;
    }

    String string(String name, String otherwise) {
        Object v = fields.get(name);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof String s)) {
            throw HttpFailure.badRequest("field '" + name + "' must be a string, got " + v);
        }
        return s;
    }

    double number(String name, double otherwise) {
        Object v = fields.get(name);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Double d)) {
            throw HttpFailure.badRequest("field '" + name + "' must be a number, got " + describe(v));
        }
        return d;
    }

    /** A whole number from {@code min} to {@code max}. */
    int integer(String name, int otherwise, int min, int max) {
        if (!fields.containsKey(name) || fields.get(name) == null) {
            return otherwise;
        }
        double d = number(name, otherwise);
        if (d != Math.rint(d) || d < min || d > max) {
            throw HttpFailure.badRequest(String.format(Locale.ROOT, "field '%s' is %s: expected a whole number from "
                    + "%d to %d", name, Numbers.text(d), min, max));
        }
        return (int) d;
    }

    private static String describe(Object v) {
        return v instanceof String s ? "the string \"" + s + "\"" : String.valueOf(v);
    }

    /** A recursive-descent reader of one flat JSON object. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            skipWhitespace();
            expect('{', "a JSON object '{'");
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (at('}')) {
                pos++;
            } else {
                while (true) {
                    skipWhitespace();
                    int keyStart = pos;
                    String key = string();
                    if (members.containsKey(key)) {
                        pos = keyStart;
                        throw error("field '" + key + "' given twice");
                    }
                    skipWhitespace();
                    expect(':', "':' after \"" + key + "\"");
                    skipWhitespace();
                    members.put(key, value(key));
                    skipWhitespace();
                    if (at('}')) {
                        pos++;
                        break;
                    }
                    expect(',', "',' or '}'");
                }
            }
            skipWhitespace();
            if (pos < text.length()) {
                throw error("expected the end of the body after the object, found " + found());
            }
            return members;
        }

        private Object value(String key) {
            if (at('"')) {
                return string();
            }
            if (at('{') || at('[')) {
                throw error("field '" + key + "' must be a string, a number or a boolean, not an object or array");
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            return number();
        }

        private Double number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (!digits.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                pos = start;
                throw error("expected a value (a string, a number, true, false or null), found " + found());
            }
            double d = Double.parseDouble(digits);
            if (!Double.isFinite(d)) {
                pos = start;
                throw error("number " + digits + " is out of range");
            }
            return d;
        }

        private String string() {
            expect('"', "a string in double quotes");
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos == text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("expected four hex digits after \\u");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("unknown escape \\" + e);
                    }
                }
            }
            throw error("unterminated string");
        }

        private void expect(char c, String what) {
            if (!at(c)) {
                throw error("expected " + what + ", found " + found());
            }
            pos++;
        }

        private boolean at(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private String found() {
            if (pos >= text.length()) {
                return "the end of the body";
            }
            int end = Math.min(text.length(), pos + 12);
            return "'" + text.substring(pos, end).replaceAll("\\p{Cntrl}", "?") + (end < text.length() ? "...'" : "'");
        }

        private HttpFailure error(String message) {
            return HttpFailure.badRequest("malformed JSON body at character " + (pos + 1) + ": " + message);
        }
    }
}
