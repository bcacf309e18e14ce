package io.chainrule.runtime;

import io.chainrule.ir.DType;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.scalar.ScalarFunctions;
import java.lang.invoke.MethodHandle;

/**
 * Elementwise ops: the op's function from {@link ScalarFunctions} (the one compiled loops and constant folding use) is
 * applied to each element in double and the result rounded once to the output's dtype. Operands broadcast by NumPy's
 * rules through a {@link StridedWalk}.
 */
final class Elementwise {
    private Elementwise() {
    }

    /** {@code node}'s value from its operands {@code in}. */
    static Tensor apply(Node node, Tensor[] in) {
        TensorType type = node.type();
        MethodHandle f = ScalarFunctions.handle(node.op(), type.dtype(), node.attrs());
        Tensor out = Tensor.zeros(type);
        Shape shape = type.shape();
        int[][] strides = new int[in.length + 1][];
        strides[0] = shape.strides();
        for (int i = 0; i < in.length; i++) {
            strides[i + 1] = StridedWalk.broadcastStrides(in[i].shape(), shape);
        }
        StridedWalk w = StridedWalk.of(shape.dims(), strides);
        try {
            switch (in.length) {
                case 1 -> unary(f, in[0], out, w);
                case 2 -> binary(f, in[0], in[1], out, w);
                default -> ternary(f, in, out, w);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void unary(MethodHandle f, Tensor x, Tensor out, StridedWalk w) throws Throwable {
        int n = w.rowLength();
        int sx = w.rowStride(1);
        if (x.dtype() == DType.F32) {
            // the common case without a dtype switch per element: the interpreted sin(10x) step is mostly this loop
            float[] in = x.floats();
            float[] o = out.floats();
            while (w.next()) {
                int at = w.offset(0);
                int ix = w.offset(1);
                for (int j = 0; j < n; j++, ix += sx) {
                    o[at + j] = (float) (double) f.invokeExact((double) in[ix]);
                }
            }
            return;
        }
        while (w.next()) {
            int o = w.offset(0);
            int ix = w.offset(1);
            for (int j = 0; j < n; j++, ix += sx) {
                out.setDouble(o + j, (double) f.invokeExact(x.getDouble(ix)));
            }
        }
    }

    private static void binary(MethodHandle f, Tensor a, Tensor b, Tensor out, StridedWalk w) throws Throwable {
        int n = w.rowLength();
        int sa = w.rowStride(1);
        int sb = w.rowStride(2);
        if (a.dtype() == DType.F32) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] o = out.floats();
            while (w.next()) {
                int at = w.offset(0);
                int ia = w.offset(1);
                int ib = w.offset(2);
                for (int j = 0; j < n; j++, ia += sa, ib += sb) {
                    o[at + j] = (float) (double) f.invokeExact((double) x[ia], (double) y[ib]);
                }
            }
            return;
        }
        while (w.next()) {
            int o = w.offset(0);
            int ia = w.offset(1);
            int ib = w.offset(2);
            for (int j = 0; j < n; j++, ia += sa, ib += sb) {
                out.setDouble(o + j, (double) f.invokeExact(a.getDouble(ia), b.getDouble(ib)));
            }
        }
    }

    private static void ternary(MethodHandle f, Tensor[] in, Tensor out, StridedWalk w) throws Throwable {
        int n = w.rowLength();
        while (w.next()) {
            int o = w.offset(0);
            for (int j = 0; j < n; j++) {
                double a = in[0].getDouble(w.offset(1) + j * w.rowStride(1));
                double b = in[1].getDouble(w.offset(2) + j * w.rowStride(2));
                double c = in[2].getDouble(w.offset(3) + j * w.rowStride(3));
                out.setDouble(o + j, (double) f.invokeExact(a, b, c));
            }
        }
    }
}
