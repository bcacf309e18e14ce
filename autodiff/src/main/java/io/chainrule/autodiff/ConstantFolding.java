package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.ir.scalar.ScalarFunctions;

/**
 * Evaluates arithmetic on uniform constants (one value broadcast to a shape) at compile time, such as the 1 / N of a
 * mean's gradient. Results are rounded to the node's dtype, as the op would round them at run time. One of the
 * {@link Simplifier}'s rules.
 */
final class ConstantFolding {
    private ConstantFolding() {
    }

    /** The value {@code n} folds to, rounded to its dtype, when every input is a uniform constant; else null. */
    static Double fold(Node n, Value[] in) {
        if (n.name() != null || in.length == 0 || n.dtype() == DType.I32) {
            return null;
        }
        double[] v = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            Double c = uniformValue(in[i].node());
            if (c == null) {
                return null;
            }
            v[i] = c;
        }
        Double folded = fold(n, v);
        if (folded == null) {
            return null;
        }
        return n.dtype() == DType.F32 ? (float) (double) folded : folded;
    }

    /** The value of a constant that holds one value everywhere, else null. */
    static Double uniformValue(Node n) {
        if (n.op() != OpCode.CONSTANT) {
            return null;
        }
        double[] values = n.attrs(Attrs.Constant.class).values();
        if (values.length == 0) {
            return null;
        }
        for (double d : values) {
            if (Double.compare(d, values[0]) != 0) {
                return null;
            }
        }
        return values[0];
    }

    /** Elementwise ops by the backends' own scalar functions, so a folded value is the value a run computes. */
    private static Double fold(Node n, double[] v) {
        if (ScalarFunctions.isScalar(n.op())) {
            return ScalarFunctions.apply(n.op(), n.dtype(), n.attrs(), v);
        }
        return n.op() == OpCode.BROADCAST || n.op() == OpCode.RESHAPE ? v[0] : null;
    }
}
