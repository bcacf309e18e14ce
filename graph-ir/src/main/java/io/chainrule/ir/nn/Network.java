package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * A network written as a Java class, as a torch.nn.Module subclass is: layers, parameters and constants as fields,
 * the computation in {@link #forward}. javac compiles it against graph-ir, and running forward on a value builds the
 * graph; chainrule also reads its source ({@link io.chainrule.ir.source.JavaModelSource}) into the same graph without
 * running it, each node pointing at the line and column that made it.
 */
public interface Network extends Layer {
    /** The network applied to a batch {@code x}, as nn.Module's forward. */
    Value forward(Value x);

    @Override
    default Value apply(Value x) {
        return forward(x);
    }
}
