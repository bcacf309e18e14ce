package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.checkpoint.JsonValue.JsonArray;
import io.chainrule.runtime.checkpoint.JsonValue.JsonInteger;
import io.chainrule.runtime.checkpoint.JsonValue.JsonObject;
import io.chainrule.runtime.checkpoint.JsonValue.JsonString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses UTF-8 JSON bytes into {@link JsonValue}s: strings with every JSON escape, integers, arrays and objects.
 * It reads bytes rather than a decoded string so that every error can give the byte position a hex dump of the file
 * shows, and it rejects whatever it does not model (true, false, null, fractions, duplicate keys, unpaired
 * surrogates, invalid UTF-8) with a reason instead of guessing.
 */
final class JsonReader {
    /** Far deeper than a header's three levels, shallow enough that hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private final byte[] text;
    private int pos;

    private JsonReader(byte[] text) {
        this.text = text;
    }

    /** The one value {@code text} holds; whitespace may surround it, nothing else. */
    static JsonValue parse(byte[] text) throws JsonSyntaxException {
        JsonReader reader = new JsonReader(text);
        JsonValue value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length) {
            throw reader.error("expected the end of the text after the value, found " + reader.found());
        }
        return value;
    }

    private JsonValue value(int depth) throws JsonSyntaxException {
        skipWhitespace();
        if (pos == text.length) {
            throw error("expected a value, found " + found());
        }
        byte b = text[pos];
        if (b == '{' || b == '[') {
            if (depth == MAX_DEPTH) {
                throw error("values nested deeper than " + MAX_DEPTH + " levels");
            }
            return b == '{' ? object(depth + 1) : array(depth + 1);
        }
        if (b == '"') {
            return new JsonString(string());
        }
        if (b == '-' || isDigit(b)) {
            return new JsonInteger(integer());
        }
        if (isLetter(b)) {
            String word = word();
            if (word.equals("true") || word.equals("false") || word.equals("null")) {
                throw error(word + " is not supported: only strings, integers, arrays and objects are");
            }
        }
        throw error("expected a value, found " + found());
    }

    private JsonObject object(int depth) throws JsonSyntaxException {
        pos++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (at('}')) {
            pos++;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (!at('"')) {
                throw error("expected a string key, found " + found());
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            if (!at(':')) {
                throw error("expected ':' after the key " + new JsonString(key).toJson() + ", found " + found());
            }
            pos++;
            JsonValue value = value(depth);
            if (members.putIfAbsent(key, value) != null) {
                pos = keyStart;
                throw error("duplicate key " + new JsonString(key).toJson());
            }
            skipWhitespace();
            if (at('}')) {
                pos++;
                return new JsonObject(members);
            }
            if (!at(',')) {
                throw error("expected ',' or '}' in an object, found " + found());
            }
            pos++;
        }
    }

    private JsonArray array(int depth) throws JsonSyntaxException {
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (at(']')) {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            elements.add(value(depth));
            skipWhitespace();
            if (at(']')) {
                pos++;
                return new JsonArray(elements);
            }
            if (!at(',')) {
                throw error("expected ',' or ']' in an array, found " + found());
            }
            pos++;
        }
    }

    private long integer() throws JsonSyntaxException {
        int start = pos;
        boolean negative = at('-');
        if (negative) {
            pos++;
        }
        if (pos == text.length || !isDigit(text[pos])) {
            throw error("expected a digit, found " + found());
        }
        // Accumulated negatively so that Long.MIN_VALUE, whose magnitude has no positive long, still parses.
        long value = 0;
        boolean leadingZero = text[pos] == '0';
        while (pos < text.length && isDigit(text[pos])) {
            int digit = text[pos] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                pos = start;
                throw error("integer out of range: more than 64 bits");
            }
            value = value * 10 - digit;
            pos++;
            if (leadingZero && pos < text.length && isDigit(text[pos])) {
                throw error("leading zeros are not allowed");
            }
        }
        if (at('.') || at('e') || at('E')) {
            throw error("only integers are supported, found a fraction or an exponent");
        }
        if (!negative && value == Long.MIN_VALUE) {
            pos = start;
            throw error("integer out of range: more than 64 bits");
        }
        return negative ? value : -value;
    }

    private String string() throws JsonSyntaxException {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        int runStart = pos;
        while (true) {
            if (pos == text.length) {
                pos = start;
                throw error("unterminated string");
            }
            byte b = text[pos];
            if (b == '"' || b == '\\') {
                decodeUtf8(runStart, pos, out);
                if (b == '"') {
                    pos++;
                    return out.toString();
                }
                escape(out);
                runStart = pos;
            } else if ((b & 0xff) < 0x20) {
                throw error(String.format("unescaped control character 0x%02x in a string", b));
            } else {
                pos++;
            }
        }
    }

    /** Reads one escape sequence at {@code pos}, combining a surrogate pair written as two {@code \\u} escapes. */
    private void escape(StringBuilder out) throws JsonSyntaxException {
        int start = pos;
        pos++;
        if (pos == text.length) {
            pos = start;
            throw error("unterminated string");
        }
        byte b = text[pos++];
        switch (b) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char c = hex4(start);
                if (Character.isHighSurrogate(c) && startsWith("\\u")) {
                    int lowStart = pos;
                    pos += 2;
                    char low = hex4(lowStart);
                    if (!Character.isLowSurrogate(low)) {
                        pos = start;
                        throw error(String.format("unpaired surrogate \\u%04X", (int) c));
                    }
                    out.append(c).append(low);
                } else if (Character.isSurrogate(c)) {
                    pos = start;
                    throw error(String.format("unpaired surrogate \\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
            default -> {
                pos = start;
                throw error("invalid escape: a backslash followed by " + printable(b));
            }
        }
    }

    private char hex4(int escapeStart) throws JsonSyntaxException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = pos < text.length ? Character.digit(text[pos], 16) : -1;
            if (digit < 0) {
                pos = escapeStart;
                throw error("\\u must be followed by 4 hex digits");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    private void decodeUtf8(int from, int to, StringBuilder out) throws JsonSyntaxException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(text, from, to - from);
        CharBuffer chars = CharBuffer.allocate(to - from);
        CoderResult result = decoder.decode(in, chars, true);
        if (result.isError()) {
            pos = in.position();
            throw error("invalid UTF-8 in a string");
        }
        out.append(chars.flip());
    }

    private void skipWhitespace() {
        while (pos < text.length && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) {
            pos++;
        }
    }

    private String word() {
        int end = pos;
        while (end < text.length && isLetter(text[end])) {
            end++;
        }
        return new String(text, pos, end - pos, StandardCharsets.US_ASCII);
    }

    private boolean at(char c) {
        return pos < text.length && text[pos] == c;
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > text.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (text[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String found() {
        return pos == text.length ? "the end of the text" : printable(text[pos]);
    }

    private static String printable(byte b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(pos, reason);
    }
}
