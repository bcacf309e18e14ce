package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * max(x, alpha x), as nn.LeakyReLU.
 *
 * @param alpha the slope for negative inputs (PyTorch's default, and this record's without one, is 0.01)
 */
public record LeakyRelu(double alpha) implements Module {
    /** With PyTorch's default slope, 0.01. */
    public LeakyRelu() {
        this(0.01);
    }

    @Override
    public Value apply(Value x) {
        return x.leakyRelu(alpha);
    }
}
