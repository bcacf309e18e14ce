package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/** max(x, alpha x), as nn.LeakyReLU (PyTorch's default slope is 0.01). */
public record LeakyRelu(double alpha) implements Module {
    public LeakyRelu() {
        this(0.01);
    }

    @Override
    public Value apply(Value x) {
        return x.leakyRelu(alpha);
    }
}
