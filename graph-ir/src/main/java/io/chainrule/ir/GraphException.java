package io.chainrule.ir;

/** A graph that cannot be built or read: the message says what is wrong and where, on one line. */
public class GraphException extends RuntimeException {
    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
