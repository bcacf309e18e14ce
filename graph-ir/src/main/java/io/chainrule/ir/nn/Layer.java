package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * A piece of model applied to a value, as torch.nn.Module's forward. Activations are layers as method references:
 * {@code Value::relu}, {@code v -> v.logSoftmax(1)}.
 */
@FunctionalInterface
public interface Layer {
    Value apply(Value x);
}
