package io.chainrule.autodiff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A description as {@code describe()} writes it, {@code name(key=value, ...)}, read back. Values stay text until the
 * caller asks for them as what they are: a number, a whole number, a boolean, a pair {@code (a, b)} or a nested
 * description. Every error is an {@link IllegalArgumentException} quoting the text and saying what was expected.
 *
 * @param what  what the text describes, for messages: {@code optimizer}
 * @param text  the text as given
 * @param name  the name before the parentheses
 * @param args  the values by key, in the text's order
 */
record Described(String what, String text, String name, Map<String, String> args) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    static Described parse(String what, String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            throw error(what, text, "expected name(key=value, ...)");
        }
        String name = t.substring(0, open).strip();
        if (!NAME.matcher(name).matches()) {
            throw error(what, text, "'" + name + "' is not a name");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String part : splitTopLevel(what, text, t.substring(open + 1, t.length() - 1))) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(key).matches()) {
                throw error(what, text, "expected key=value, got '" + part + "'");
            }
            if (args.put(key, part.substring(eq + 1).strip()) != null) {
                throw error(what, text, key + " is given twice");
            }
        }
        return new Described(what, text, name, args);
    }

    /** The comma-separated parts of {@code inner} outside parentheses, stripped; none for blank text. */
    private static List<String> splitTopLevel(String what, String text, String inner) {
        List<String> parts = new ArrayList<>();
        if (inner.isBlank()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                throw error(what, text, "unbalanced parentheses");
            }
            if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw error(what, text, "unbalanced parentheses");
        }
        parts.add(inner.substring(start).strip());
        return parts;
    }

    /** Checks that the keys are exactly {@code keys}, in any order. */
    Described expectKeys(String... keys) {
        List<String> expected = List.of(keys);
        if (!args.keySet().equals(new HashSet<>(expected))) {
            throw fail("expected " + name + "(" + String.join("=..., ", expected) + "=...), got keys "
                    + String.join(", ", args.keySet()));
        }
        return this;
    }

    double number(String key) {
        return number(key, args.get(key));
    }

    int whole(String key) {
        try {
            return Integer.parseInt(args.get(key));
        } catch (NumberFormatException e) {
            throw fail(key + " is '" + args.get(key) + "', not a whole number");
        }
    }

    boolean flag(String key) {
        String v = args.get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw fail(key + " is '" + v + "', not true or false");
        }
        return v.equals("true");
    }

    /** A pair written {@code (a, b)}. */
    double[] pair(String key) {
        String v = args.get(key);
        String[] parts = v.startsWith("(") && v.endsWith(")") ? v.substring(1, v.length() - 1).split(",") : null;
        if (parts == null || parts.length != 2) {
            throw fail(key + " is '" + v + "', not a pair (a, b)");
        }
        return new double[] {number(key, parts[0].strip()), number(key, parts[1].strip())};
    }

    String text(String key) {
        return args.get(key);
    }

    private double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw fail(key + " is '" + value + "', not a number");
        }
    }

    /** Runs a constructor given this description's values, quoting the text in the error it throws. */
    <T> T made(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    IllegalArgumentException fail(String problem) {
        return error(what, text, problem);
    }

    static IllegalArgumentException error(String what, String text, String problem) {
        return new IllegalArgumentException(what + " '" + text + "': " + problem);
    }
}
