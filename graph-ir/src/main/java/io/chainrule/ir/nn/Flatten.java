package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/** Flattens every axis after the batch axis, as nn.Flatten(). */
public record Flatten() implements Module {
    @Override
    public Value apply(Value x) {
        return x.flatten();
    }
}
