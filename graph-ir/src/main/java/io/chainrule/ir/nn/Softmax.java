package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/** Softmax along an axis, as nn.Softmax(dim). */
public record Softmax(int axis) implements Module {
    @Override
    public Value apply(Value x) {
        return x.softmax(axis);
    }
}
