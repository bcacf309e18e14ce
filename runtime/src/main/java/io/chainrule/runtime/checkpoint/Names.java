package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.checkpoint.JsonValue.JsonString;

/** Tensor names as messages show them. */
final class Names {
    private Names() {
    }

    /** The name as it is, or JSON-quoted if it has control characters, which would break a one-line message. */
    static String shown(String name) {
        return name.chars().anyMatch(c -> c < 0x20 || c == 0x7f) ? new JsonString(name).toJson() : name;
    }
}
