package io.chainrule.runtime;

import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import java.util.List;

/**
 * Ops that only move elements, for every dtype: transpose (the kernel compiled steps call), and broadcast and reshape,
 * which compiled steps never run as copies (a broadcast is a strided read in a fused loop, a reshape an alias).
 */
final class Layout {
    private Layout() {
    }

    /** Output axis i is input axis {@code perm.get(i)}. */
    static Tensor transpose(Tensor x, List<Integer> perm, TensorType type) {
        Tensor out = Tensor.zeros(type);
        int[] dims = x.shape().dims();
        int[] p = perm.stream().mapToInt(Integer::intValue).toArray();
        switch (x.dtype()) {
            case F32 -> io.chainrule.runtime.kernels.Layout.transpose(x.floats(), out.floats(), dims, p);
            case F64 -> io.chainrule.runtime.kernels.Layout.transpose(x.doubles(), out.doubles(), dims, p);
            case I32 -> io.chainrule.runtime.kernels.Layout.transpose(x.ints(), out.ints(), dims, p);
        }
        return out;
    }

    static Tensor broadcast(Tensor x, TensorType type) {
        return gather(x, type, StridedWalk.broadcastStrides(x.shape(), type.shape()));
    }

    static Tensor reshape(Tensor x, TensorType type) {
        Tensor out = Tensor.zeros(type);
        switch (x.dtype()) {
            case F32 -> System.arraycopy(x.floats(), 0, out.floats(), 0, x.size());
            case F64 -> System.arraycopy(x.doubles(), 0, out.doubles(), 0, x.size());
            case I32 -> System.arraycopy(x.ints(), 0, out.ints(), 0, x.size());
        }
        return out;
    }

    /** A fresh tensor of {@code type} whose elements are read from {@code x} through {@code strides}. */
    private static Tensor gather(Tensor x, TensorType type, int[] strides) {
        Tensor out = Tensor.zeros(type);
        Shape shape = type.shape();
        StridedWalk w = StridedWalk.of(shape.dims(), shape.strides(), strides);
        int n = w.rowLength();
        int s = w.rowStride(1);
        while (w.next()) {
            int o = w.offset(0);
            int i = w.offset(1);
            switch (x.dtype()) {
                case F32 -> copyRow(x.floats(), i, s, out.floats(), o, n);
                case F64 -> copyRow(x.doubles(), i, s, out.doubles(), o, n);
                case I32 -> copyRow(x.ints(), i, s, out.ints(), o, n);
            }
        }
        return out;
    }

    private static void copyRow(float[] in, int i, int stride, float[] out, int o, int n) {
        for (int j = 0; j < n; j++, i += stride) {
            out[o + j] = in[i];
        }
    }

    private static void copyRow(double[] in, int i, int stride, double[] out, int o, int n) {
        for (int j = 0; j < n; j++, i += stride) {
            out[o + j] = in[i];
        }
    }

    private static void copyRow(int[] in, int i, int stride, int[] out, int o, int n) {
        for (int j = 0; j < n; j++, i += stride) {
            out[o + j] = in[i];
        }
    }
}
