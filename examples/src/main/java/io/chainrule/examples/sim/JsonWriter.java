package io.chainrule.examples.sim;

import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the API's JSON answers: objects and arrays nested as they are opened, numbers rounded as asked. */
final class JsonWriter {
    /** Significant digits of the numbers the pages draw: more than a pixel needs. */
    static final int DIGITS = 5;

    private final StringBuilder out = new StringBuilder();
    /** Per open object or array: whether it has no member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        open.push(new boolean[] {true});
        return this;
    }

    JsonWriter endObject() {
        open.pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        open.push(new boolean[] {true});
        return this;
    }

    JsonWriter endArray() {
        open.pop();
        out.append(']');
        return this;
    }

    JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    JsonWriter value(double d) {
        separate();
        out.append(Numbers.text(d, DIGITS));
        return this;
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    /** An array of numbers rounded to {@code digits} significant digits. */
    JsonWriter values(double[] numbers, int digits) {
        separate();
        out.append('[');
        for (int i = 0; i < numbers.length; i++) {
            out.append(i == 0 ? "" : ",").append(Numbers.text(numbers[i], digits));
        }
        out.append(']');
        return this;
    }

    JsonWriter values(int[] numbers) {
        separate();
        out.append('[');
        for (int i = 0; i < numbers.length; i++) {
            out.append(i == 0 ? "" : ",").append(numbers[i]);
        }
        out.append(']');
        return this;
    }

    /** Adds {@code json}, already written, as the next value. */
    JsonWriter raw(String json) {
        separate();
        out.append(json);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!open.isEmpty()) {
            boolean[] first = open.peek();
            if (!first[0]) {
                out.append(',');
            }
            first[0] = false;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // '<' escaped so that JSON placed inside a <script> element can never close it
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
