package io.chainrule.runtime;

import io.chainrule.ir.TensorType;

/** CONSTANT nodes: one value broadcast to the whole type, or one value per element (row-major). */
final class Constant {
    private Constant() {
    }

    static Tensor of(TensorType type, double[] values) {
        Tensor out = Tensor.zeros(type);
        for (int i = 0; i < out.size(); i++) {
            out.setDouble(i, values.length == 1 ? values[0] : values[i]);
        }
        return out;
    }
}
