package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * Log-softmax along an axis, as nn.LogSoftmax(dim): the lesson's MLP ends with it.
 *
 * @param axis the axis whose probabilities sum to one (-1 for the last)
 */
public record LogSoftmax(int axis) implements Module {
    @Override
    public Value apply(Value x) {
        return x.logSoftmax(axis);
    }
}
