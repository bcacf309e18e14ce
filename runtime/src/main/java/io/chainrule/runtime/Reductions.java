package io.chainrule.runtime;

import io.chainrule.ir.Shape;
import io.chainrule.ir.ShapeRules;
import io.chainrule.ir.TensorType;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Sum, mean, max over a set of axes, and argmax along one. Every dtype accumulates in double (one double per output
 * element, visiting the input in row-major order) and rounds once at the end, so f32 sums lose nothing to float
 * rounding along the way.
 */
final class Reductions {
    // One instance each, so that the fold loops see only two operator classes and can inline both.
    private static final DoubleBinaryOperator ADD = Double::sum;
    private static final DoubleBinaryOperator MAX = Math::max;

    private Reductions() {
    }

    static Tensor sum(Tensor x, List<Integer> axes, TensorType type) {
        double[] acc = accumulate(x, axes, 0, ADD);
        return store(acc, type, 1);
    }

    static Tensor mean(Tensor x, List<Integer> axes, TensorType type) {
        double[] acc = accumulate(x, axes, 0, ADD);
        int count = acc.length == 0 ? 0 : x.size() / acc.length;
        return store(acc, type, count);
    }

    /** NaN propagates, as in torch.amax. */
    static Tensor max(Tensor x, List<Integer> axes, TensorType type) {
        double[] acc = accumulate(x, axes, Double.NEGATIVE_INFINITY, MAX);
        if (x.size() == 0 && acc.length > 0) {
            throw new IllegalArgumentException("max of " + x.type() + " over axes " + axes + ": nothing to reduce");
        }
        return store(acc, type, 1);
    }

    /** The first index of the maximum along {@code axis}; a NaN counts as the maximum, as in torch.argmax. */
    static Tensor argmax(Tensor x, int axis, TensorType type) {
        Lanes lanes = Lanes.along(x.shape(), axis);
        if (lanes.length() == 0) {
            throw new IllegalArgumentException("argmax of " + x.type() + " along empty axis " + axis);
        }
        Tensor out = Tensor.zeros(type);
        int[] o = out.ints();
        double[] v = new double[lanes.length()];
        for (int lane = 0; lane < lanes.count(); lane++) {
            lanes.load(x, lane, v);
            o[lane] = firstMax(v);
        }
        return out;
    }

    private static int firstMax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length && !Double.isNaN(v[best]); j++) {
            if (v[j] > v[best] || Double.isNaN(v[j])) {
                best = j;
            }
        }
        return best;
    }

    /** Folds {@code x} into one double per output element; the output is read with strides 0 on reduced axes. */
    private static double[] accumulate(Tensor x, List<Integer> axes, double init, DoubleBinaryOperator combine) {
        Shape in = x.shape();
        int[] reduced = ShapeRules.reduceAxes(in, axes);
        int[] kept = in.dims();
        for (int a : reduced) {
            kept[a] = 1;
        }
        Shape keptShape = Shape.of(kept);
        int[] outStrides = keptShape.strides();
        for (int a : reduced) {
            outStrides[a] = 0;
        }
        double[] acc = new double[keptShape.size()];
        Arrays.fill(acc, init);
        StridedWalk w = StridedWalk.of(in.dims(), in.strides(), outStrides);
        switch (x.dtype()) {
            case F32 -> foldF32(x.floats(), acc, w, combine);
            case F64 -> foldF64(x.doubles(), acc, w, combine);
            case I32 -> throw new IllegalArgumentException("reduction of " + x.type());
        }
        return acc;
    }

    private static void foldF32(float[] x, double[] acc, StridedWalk w, DoubleBinaryOperator combine) {
        int n = w.rowLength();
        int sx = w.rowStride(0);
        int sa = w.rowStride(1);
        while (w.next()) {
            for (int j = 0, i = w.offset(0), a = w.offset(1); j < n; j++, i += sx, a += sa) {
                acc[a] = combine.applyAsDouble(acc[a], x[i]);
            }
        }
    }

    private static void foldF64(double[] x, double[] acc, StridedWalk w, DoubleBinaryOperator combine) {
        int n = w.rowLength();
        int sx = w.rowStride(0);
        int sa = w.rowStride(1);
        while (w.next()) {
            for (int j = 0, i = w.offset(0), a = w.offset(1); j < n; j++, i += sx, a += sa) {
                acc[a] = combine.applyAsDouble(acc[a], x[i]);
            }
        }
    }

    /** The accumulators divided by {@code count}, rounded once into a tensor of {@code type}. */
    private static Tensor store(double[] acc, TensorType type, int count) {
        Tensor out = Tensor.zeros(type);
        for (int i = 0; i < acc.length; i++) {
            out.setDouble(i, acc[i] / count);
        }
        return out;
    }
}
