package io.chainrule.runtime.checkpoint;

/** Text that is not the JSON {@link JsonReader} accepts, with the byte position where reading stopped. */
final class JsonSyntaxException extends Exception {
    private final int position;
    private final String reason;

    JsonSyntaxException(int position, String reason) {
        super("byte " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 0-based, in bytes of the UTF-8 text. */
    int position() {
        return position;
    }

    /** What is wrong, without the position. */
    String reason() {
        return reason;
    }
}
