package io.chainrule.runtime;

import io.chainrule.ir.Node;
import java.util.Objects;

/**
 * A failure while running one node, named as torch.fx does, on one line:
 * {@code %7 relu (fc1.add) at Models.java:12: <what went wrong>}. The original exception is the cause.
 */
public class InterpreterException extends RuntimeException {
    private final transient Node node;

    InterpreterException(Node node, RuntimeException cause) {
        super(describe(node) + ": " + Objects.requireNonNullElse(cause.getMessage(), cause.toString()), cause);
        this.node = node;
    }

    /** The node that failed. */
    public Node node() {
        return node;
    }

    private static String describe(Node node) {
        StringBuilder sb = new StringBuilder(node.ref()).append(' ').append(node.op().text());
        if (node.name() != null) {
            sb.append(" (").append(node.name()).append(')');
        }
        if (node.origin() != null) {
            sb.append(" at ").append(node.origin());
        }
        return sb.toString();
    }
}
