package io.chainrule.runtime.kernels;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.OpCode;
import java.util.Arrays;

/**
 * Plain, obviously correct versions of the kernels, in double, element by element through full coordinates: no
 * views, no blocking, no unrolling. Each output's terms are summed in row-major order, as the kernels promise, so the
 * kernels' f64 results must equal these exactly and their f32 results these rounded once.
 */
final class Reference {
    private Reference() {
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static float[] rounded(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** The coordinates of row-major element {@code flat} of {@code dims}. */
    static int[] coords(int flat, int[] dims) {
        int[] c = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            c[d] = flat % dims[d];
            flat /= dims[d];
        }
        return c;
    }

    /** The row-major index of coordinates {@code c} in {@code dims}. */
    static int flat(int[] c, int[] dims) {
        int f = 0;
        for (int d = 0; d < dims.length; d++) {
            f = f * dims[d] + c[d];
        }
        return f;
    }

    /** Sum, mean or max over {@code axes}; the output keeps the other axes in order. */
    static double[] reduce(OpCode op, double[] x, int[] dims, int[] axes) {
        int[] outDims = dims.clone();
        for (int a : axes) {
            outDims[a] = 1;
        }
        int outputs = Views.size(outDims);
        double[] out = new double[outputs];
        int[] counts = new int[outputs];
        Arrays.fill(out, op == OpCode.MAX ? Double.NEGATIVE_INFINITY : 0);
        for (int i = 0; i < x.length; i++) {
            int[] c = coords(i, dims);
            for (int a : axes) {
                c[a] = 0;
            }
            int o = flat(c, outDims);
            out[o] = op == OpCode.MAX ? Math.max(out[o], x[i]) : out[o] + x[i];
            counts[o]++;
        }
        if (op == OpCode.MEAN) {
            int count = outputs == 0 ? 0 : Views.size(dims) / outputs;
            for (int o = 0; o < outputs; o++) {
                out[o] /= count;
            }
        }
        return out;
    }

    /** The elements of the lane through element {@code i} along {@code axis}, as indices. */
    private static int[] lane(int i, int[] dims, int axis) {
        int[] c = coords(i, dims);
        int[] lane = new int[dims[axis]];
        for (int j = 0; j < lane.length; j++) {
            c[axis] = j;
            lane[j] = flat(c, dims);
        }
        return lane;
    }

    /** The first index of the largest element of each lane along {@code axis}, NaN counting as largest. */
    static int[] argmax(double[] x, int[] dims, int axis) {
        int[] outDims = dims.clone();
        outDims[axis] = 1;
        int[] out = new int[Views.size(outDims)];
        for (int o = 0; o < out.length; o++) {
            int[] c = coords(o, outDims);
            int[] lane = lane(flat(c, dims), dims, axis);
            int best = 0;
            for (int j = 1; j < lane.length; j++) {
                double v = x[lane[j]];
                double b = x[lane[best]];
                if (!Double.isNaN(b) && (v > b || Double.isNaN(v))) {
                    best = j;
                }
            }
            out[o] = best;
        }
        return out;
    }

    /** Softmax (or log-softmax) along {@code axis}, the lane's max subtracted first. */
    static double[] softmax(double[] x, int[] dims, int axis, boolean log) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int[] lane = lane(i, dims, axis);
            double max = Double.NEGATIVE_INFINITY;
            for (int p : lane) {
                max = Math.max(max, x[p]);
            }
            double sum = 0;
            for (int p : lane) {
                sum += Math.exp(x[p] - max);
            }
            out[i] = log ? x[i] - max - Math.log(sum) : Math.exp(x[i] - max) / sum;
        }
        return out;
    }

    static int[] transpose(int[] x, int[] dims, int[] perm) {
        int[] outDims = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            outDims[d] = dims[perm[d]];
        }
        int[] out = new int[x.length];
        for (int o = 0; o < out.length; o++) {
            int[] oc = coords(o, outDims);
            int[] ic = new int[dims.length];
            for (int d = 0; d < perm.length; d++) {
                ic[perm[d]] = oc[d];
            }
            out[o] = x[flat(ic, dims)];
        }
        return out;
    }

    /** Per-example losses then the reduction: labels index the rows of x [rows, cols] for the labelled losses. */
    static double[] loss(OpCode op, double[] x, double[] target, int[] labels, int cols, Reduction reduction) {
        int examples = labels != null ? labels.length : x.length;
        double[] each = new double[examples];
        for (int i = 0; i < examples; i++) {
            each[i] = switch (op) {
                case CROSS_ENTROPY -> -softmax(Arrays.copyOfRange(x, i * cols, (i + 1) * cols), new int[] {cols}, 0,
                        true)[labels[i]];
                case NLL_LOSS -> -x[i * cols + labels[i]];
                case MSE_LOSS -> (x[i] - target[i]) * (x[i] - target[i]);
                case BCE_LOSS -> -(target[i] * Math.max(Math.log(x[i]), -100)
                        + (1 - target[i]) * Math.max(Math.log1p(-x[i]), -100));
                default -> throw new IllegalArgumentException(op.text() + " is not a loss");
            };
        }
        if (reduction == Reduction.NONE) {
            return each;
        }
        double total = 0;
        for (double e : each) {
            total += e;
        }
        return new double[] {reduction == Reduction.SUM ? total : total / examples};
    }
}
