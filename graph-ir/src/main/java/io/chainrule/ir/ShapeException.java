package io.chainrule.ir;

/**
 * A node whose inputs do not fit its op, raised when the node is built. The message names the op, the node and the
 * shapes involved, for example {@code matmul fc2: [100,120] x [10,84]^T: inner dimensions 120 and 84 differ}.
 */
public class ShapeException extends GraphException {
    public ShapeException(String message) {
        super(message);
    }
}
