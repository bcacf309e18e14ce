package io.chainrule.codegen;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;

/** Constants: one value everywhere is folded into the code as a literal; any other gets a buffer filled once. */
final class Constants {
    private Constants() {
    }

    static boolean isUniform(Node n) {
        if (n.op() != OpCode.CONSTANT) {
            return false;
        }
        double[] v = n.attrs(Attrs.Constant.class).values();
        for (double d : v) {
            if (Double.compare(d, v[0]) != 0) {
                return false;
            }
        }
        return v.length > 0;
    }

    /** The literal of a uniform constant, rounded to its dtype as the interpreter stores it. */
    static double value(Node n) {
        double v = n.attrs(Attrs.Constant.class).values()[0];
        return switch (n.dtype()) {
            case F32 -> (float) v;
            case F64 -> v;
            case I32 -> (int) v;
        };
    }
}
