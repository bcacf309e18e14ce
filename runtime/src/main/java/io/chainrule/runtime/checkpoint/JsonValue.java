package io.chainrule.runtime.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a safetensors header is made of: strings, integers, arrays and objects. Booleans, null and fractional
 * numbers are left out on purpose, so a header using them is rejected rather than half understood.
 */
sealed interface JsonValue {

    /** Appends the compact form, as serde_json writes it: no spaces, non-ASCII characters as they are. */
    void appendTo(StringBuilder out);

    /** What kind of value this is, for messages: "a string", "an array". */
    String kind();

    /** The compact form. */
    default String toJson() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    record JsonString(String value) implements JsonValue {
        @Override
        public void appendTo(StringBuilder out) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
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
        public String kind() {
            return "a string";
        }
    }

    record JsonInteger(long value) implements JsonValue {
        @Override
        public void appendTo(StringBuilder out) {
            out.append(value);
        }

        @Override
        public String kind() {
            return "an integer";
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                elements.get(i).appendTo(out);
            }
            out.append(']');
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    /** Members in the order given; the reader rejects duplicate keys, so a map loses nothing. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public void appendTo(StringBuilder out) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                new JsonString(member.getKey()).appendTo(out);
                out.append(':');
                member.getValue().appendTo(out);
            }
            out.append('}');
        }

        @Override
        public String kind() {
            return "an object";
        }
    }
}
