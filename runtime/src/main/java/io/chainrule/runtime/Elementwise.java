package io.chainrule.runtime;

import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise kernels: the function is applied in double and the result rounded once to the output's dtype. Binary
 * ops broadcast by NumPy's rules through a {@link StridedWalk}.
 */
final class Elementwise {
    private Elementwise() {
    }

    static Tensor unary(Tensor x, DoubleUnaryOperator f) {
        Tensor out = Tensor.zeros(x.type());
        switch (x.dtype()) {
            case F32 -> {
                float[] in = x.floats();
                float[] o = out.floats();
                for (int i = 0; i < o.length; i++) {
                    o[i] = (float) f.applyAsDouble(in[i]);
                }
            }
            case F64 -> {
                double[] in = x.doubles();
                double[] o = out.doubles();
                for (int i = 0; i < o.length; i++) {
                    o[i] = f.applyAsDouble(in[i]);
                }
            }
            case I32 -> throw new IllegalArgumentException("elementwise math on " + x.type());
        }
        return out;
    }

    /** {@code f(a, b)} broadcast to {@code type}; for i32 operands (comparisons) f's 0/1 result is stored as int. */
    static Tensor binary(Tensor a, Tensor b, TensorType type, DoubleBinaryOperator f) {
        Tensor out = Tensor.zeros(type);
        Shape shape = type.shape();
        StridedWalk w = StridedWalk.of(shape.dims(), shape.strides(), StridedWalk.broadcastStrides(a.shape(), shape),
                StridedWalk.broadcastStrides(b.shape(), shape));
        switch (type.dtype()) {
            case F32 -> binaryF32(a.floats(), b.floats(), out.floats(), w, f);
            case F64 -> binaryF64(a.doubles(), b.doubles(), out.doubles(), w, f);
            case I32 -> binaryI32(a.ints(), b.ints(), out.ints(), w, f);
        }
        return out;
    }

    private static void binaryF32(float[] a, float[] b, float[] out, StridedWalk w, DoubleBinaryOperator f) {
        int n = w.rowLength();
        int sa = w.rowStride(1);
        int sb = w.rowStride(2);
        while (w.next()) {
            int o = w.offset(0);
            int ia = w.offset(1);
            int ib = w.offset(2);
            for (int j = 0; j < n; j++, ia += sa, ib += sb) {
                out[o + j] = (float) f.applyAsDouble(a[ia], b[ib]);
            }
        }
    }

    private static void binaryF64(double[] a, double[] b, double[] out, StridedWalk w, DoubleBinaryOperator f) {
        int n = w.rowLength();
        int sa = w.rowStride(1);
        int sb = w.rowStride(2);
        while (w.next()) {
            int o = w.offset(0);
            int ia = w.offset(1);
            int ib = w.offset(2);
            for (int j = 0; j < n; j++, ia += sa, ib += sb) {
                out[o + j] = f.applyAsDouble(a[ia], b[ib]);
            }
        }
    }

    private static void binaryI32(int[] a, int[] b, int[] out, StridedWalk w, DoubleBinaryOperator f) {
        int n = w.rowLength();
        int sa = w.rowStride(1);
        int sb = w.rowStride(2);
        while (w.next()) {
            int o = w.offset(0);
            int ia = w.offset(1);
            int ib = w.offset(2);
            for (int j = 0; j < n; j++, ia += sa, ib += sb) {
                out[o + j] = (int) f.applyAsDouble(a[ia], b[ib]);
            }
        }
    }
}
