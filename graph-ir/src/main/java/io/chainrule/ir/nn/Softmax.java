package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * Softmax along an axis, as nn.Softmax(dim).
 *
 * @param axis the axis whose probabilities sum to one (-1 for the last)
 */
public record Softmax(int axis) implements Module {
    @Override
    public Value apply(Value x) {
        return x.softmax(axis);
    }
}
