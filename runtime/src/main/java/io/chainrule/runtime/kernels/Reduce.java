package io.chainrule.runtime.kernels;

/**
 * Sum, mean and max of a tensor over some of its axes, for the interpreter and compiled steps alike: each output
 * accumulates its inputs in row-major order in a double of its own and is rounded once to the output's type. Neither
 * float accumulation in {@code out} nor a scratch array is needed: the contiguous kernels keep eight outputs' sums in
 * eight double locals at a time, and the strided ones finish one output at a time. Max is folded in the input's type,
 * which is exact (max only picks a value). {@link ReductionLayout} says which kernel a reduction calls.
 * <p>
 * The contiguous kernels view the input as [outer, n, inner] and reduce the middle axis; the strided ones take any set
 * of axes: {@code outStrides[d]} is the stride of input axis d in the output, 0 for a reduced axis, and every output
 * element is written exactly once (so the output needs no clearing).
 */
public final class Reduce {
    // Outputs reduced together: eight double accumulators fit in registers, which gives every output its own double
    // sum without a scratch array. Eight adjacent columns (inner > 1) read 32 contiguous bytes per row; eight rows
    // (inner == 1) run eight independent addition chains instead of one, each still in its own order.
    private static final int LANES = 8;

    private Reduce() {
    }

    /** {@code out[o*inner + i] = sum_j x[(o*n + j)*inner + i]}. */
    public static void sum(float[] x, float[] out, int outer, int n, int inner) {
        sumDividedBy(x, out, outer, n, inner, 1);
    }

    /** The sum divided by n: NaN when n is 0, as in PyTorch. */
    public static void mean(float[] x, float[] out, int outer, int n, int inner) {
        sumDividedBy(x, out, outer, n, inner, n);
    }

    /** The maximum along the middle axis; a NaN propagates. An empty axis is an error when there are outputs. */
    public static void max(float[] x, float[] out, int outer, int n, int inner) {
        if (n == 0 && outer > 0 && inner > 0) {
            throw nothingToReduce();
        }
        if (inner == 1) {
            int o = 0;
            for (; o + LANES <= outer; o += LANES) {
                maxOfEightLanes(x, o * n, n, n, 1, out, o);
            }
            for (; o < outer; o++) {
                out[o] = maxOfLane(x, o * n, n, 1);
            }
            return;
        }
        for (int o = 0; o < outer; o++) {
            int start = o * n * inner;
            int at = o * inner;
            int i = 0;
            for (; i + LANES <= inner; i += LANES) {
                maxOfEightLanes(x, start + i, 1, n, inner, out, at + i);
            }
            for (; i < inner; i++) {
                out[at + i] = maxOfLane(x, start + i, n, inner);
            }
        }
    }

    /** The sum over the axes whose output stride is 0. */
    public static void sumStrided(float[] x, float[] out, int[] inDims, int[] outStrides) {
        foldStrided(x, out, inDims, outStrides, false, 1);
    }

    /** The sum over the axes whose output stride is 0, divided by {@code count}, the number of inputs per output. */
    public static void meanStrided(float[] x, float[] out, int[] inDims, int[] outStrides, int count) {
        foldStrided(x, out, inDims, outStrides, false, count);
    }

    /** The maximum over the axes whose output stride is 0; as {@link #max}. */
    public static void maxStrided(float[] x, float[] out, int[] inDims, int[] outStrides) {
        foldStrided(x, out, inDims, outStrides, true, 1);
    }

    /** The f64 sum over the axes whose output stride is 0 (the interpreter's float64 path). */
    public static void sumStrided(double[] x, double[] out, int[] inDims, int[] outStrides) {
        foldStrided(x, out, inDims, outStrides, false, 1);
    }

    /** The f64 mean over the axes whose output stride is 0, {@code count} inputs per output. */
    public static void meanStrided(double[] x, double[] out, int[] inDims, int[] outStrides, int count) {
        foldStrided(x, out, inDims, outStrides, false, count);
    }

    /** The f64 maximum over the axes whose output stride is 0. */
    public static void maxStrided(double[] x, double[] out, int[] inDims, int[] outStrides) {
        foldStrided(x, out, inDims, outStrides, true, 1);
    }

    private static IllegalArgumentException nothingToReduce() {
        return new IllegalArgumentException("max over an empty axis: nothing to reduce");
    }

    /** Division by 1 is exact, so sum and mean share this loop. */
    private static void sumDividedBy(float[] x, float[] out, int outer, int n, int inner, int count) {
        if (inner == 1) {
            int o = 0;
            for (; o + LANES <= outer; o += LANES) {
                sumOfEightLanes(x, o * n, n, n, 1, out, o, count);
            }
            for (; o < outer; o++) {
                out[o] = (float) (sumOfLane(x, o * n, n, 1) / count);
            }
            return;
        }
        for (int o = 0; o < outer; o++) {
            int start = o * n * inner;
            int at = o * inner;
            int i = 0;
            for (; i + LANES <= inner; i += LANES) {
                sumOfEightLanes(x, start + i, 1, n, inner, out, at + i, count);
            }
            for (; i < inner; i++) {
                out[at + i] = (float) (sumOfLane(x, start + i, n, inner) / count);
            }
        }
    }

    private static double sumOfLane(float[] x, int start, int n, int step) {
        double s = 0;
        for (int j = 0, p = start; j < n; j++, p += step) {
            s += x[p];
        }
        return s;
    }

    /**
     * Sums eight lanes of n elements: lane k starts at {@code start + k*laneStride} and steps by {@code step}; its
     * result, divided by count, goes to {@code out[at + k]}.
     */
    private static void sumOfEightLanes(float[] x, int start, int laneStride, int n, int step, float[] out, int at,
            int count) {
        int l1 = laneStride;
        int l2 = 2 * laneStride;
        int l3 = 3 * laneStride;
        int l4 = 4 * laneStride;
        int l5 = 5 * laneStride;
        int l6 = 6 * laneStride;
        int l7 = 7 * laneStride;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int j = 0, p = start; j < n; j++, p += step) {
            s0 += x[p];
            s1 += x[p + l1];
            s2 += x[p + l2];
            s3 += x[p + l3];
            s4 += x[p + l4];
            s5 += x[p + l5];
            s6 += x[p + l6];
            s7 += x[p + l7];
        }
        out[at] = (float) (s0 / count);
        out[at + 1] = (float) (s1 / count);
        out[at + 2] = (float) (s2 / count);
        out[at + 3] = (float) (s3 / count);
        out[at + 4] = (float) (s4 / count);
        out[at + 5] = (float) (s5 / count);
        out[at + 6] = (float) (s6 / count);
        out[at + 7] = (float) (s7 / count);
    }

    private static float maxOfLane(float[] x, int start, int n, int step) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0, p = start; j < n; j++, p += step) {
            m = Math.max(m, x[p]);
        }
        return m;
    }

    /** As {@link #sumOfEightLanes}, for the maximum. */
    private static void maxOfEightLanes(float[] x, int start, int laneStride, int n, int step, float[] out, int at) {
        int l1 = laneStride;
        int l2 = 2 * laneStride;
        int l3 = 3 * laneStride;
        int l4 = 4 * laneStride;
        int l5 = 5 * laneStride;
        int l6 = 6 * laneStride;
        int l7 = 7 * laneStride;
        float m0 = Float.NEGATIVE_INFINITY;
        float m1 = Float.NEGATIVE_INFINITY;
        float m2 = Float.NEGATIVE_INFINITY;
        float m3 = Float.NEGATIVE_INFINITY;
        float m4 = Float.NEGATIVE_INFINITY;
        float m5 = Float.NEGATIVE_INFINITY;
        float m6 = Float.NEGATIVE_INFINITY;
        float m7 = Float.NEGATIVE_INFINITY;
        for (int j = 0, p = start; j < n; j++, p += step) {
            m0 = Math.max(m0, x[p]);
            m1 = Math.max(m1, x[p + l1]);
            m2 = Math.max(m2, x[p + l2]);
            m3 = Math.max(m3, x[p + l3]);
            m4 = Math.max(m4, x[p + l4]);
            m5 = Math.max(m5, x[p + l5]);
            m6 = Math.max(m6, x[p + l6]);
            m7 = Math.max(m7, x[p + l7]);
        }
        out[at] = m0;
        out[at + 1] = m1;
        out[at + 2] = m2;
        out[at + 3] = m3;
        out[at + 4] = m4;
        out[at + 5] = m5;
        out[at + 6] = m6;
        out[at + 7] = m7;
    }

    /**
     * One output at a time, its reduced elements in row-major order: the same additions, in the same order, as the
     * contiguous kernels. The last reduced axis runs as the tight inner loop; the other coordinates are recovered by
     * division, which needs no counters to allocate. Max is folded in float, which is exact (max only picks a value).
     * Not a hot path (compiled steps reduce contiguous blocks), so sum and max share the loop.
     */
    private static void foldStrided(float[] x, float[] out, int[] inDims, int[] outStrides, boolean max, int count) {
        int lane = laneAxis(inDims, outStrides);
        int laneLength = lane < 0 ? 1 : inDims[lane];
        int laneStride = lane < 0 ? 0 : inputStride(inDims, lane);
        int outputs = extent(inDims, outStrides, true, -1);
        int lanes = extent(inDims, outStrides, false, lane);
        if (max && outputs > 0 && lanes * laneLength == 0) {
            throw nothingToReduce();
        }
        for (int k = 0; k < outputs; k++) {
            int base = inputOffset(k, inDims, outStrides, true, -1);
            double s = 0;
            float m = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < lanes; r++) {
                int p = base + inputOffset(r, inDims, outStrides, false, lane);
                for (int t = 0; t < laneLength; t++, p += laneStride) {
                    s += x[p];
                    m = Math.max(m, x[p]);
                }
            }
            out[outputOffset(k, inDims, outStrides)] = max ? m : (float) (s / count);
        }
    }

    /** As the float fold, in double throughout: Java has no generics over primitive arrays. */
    private static void foldStrided(double[] x, double[] out, int[] inDims, int[] outStrides, boolean max,
            int count) {
        int lane = laneAxis(inDims, outStrides);
        int laneLength = lane < 0 ? 1 : inDims[lane];
        int laneStride = lane < 0 ? 0 : inputStride(inDims, lane);
        int outputs = extent(inDims, outStrides, true, -1);
        int lanes = extent(inDims, outStrides, false, lane);
        if (max && outputs > 0 && lanes * laneLength == 0) {
            throw nothingToReduce();
        }
        for (int k = 0; k < outputs; k++) {
            int base = inputOffset(k, inDims, outStrides, true, -1);
            double s = 0;
            double m = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < lanes; r++) {
                int p = base + inputOffset(r, inDims, outStrides, false, lane);
                for (int t = 0; t < laneLength; t++, p += laneStride) {
                    s += x[p];
                    m = Math.max(m, x[p]);
                }
            }
            out[outputOffset(k, inDims, outStrides)] = max ? m : s / count;
        }
    }

    /** The last reduced axis longer than 1 (or the last reduced axis, or -1 if none): the inner loop's axis. */
    private static int laneAxis(int[] inDims, int[] outStrides) {
        int lane = -1;
        for (int d = inDims.length - 1; d >= 0; d--) {
            if (outStrides[d] == 0) {
                if (inDims[d] != 1) {
                    return d;
                }
                lane = lane < 0 ? d : lane;
            }
        }
        return lane;
    }

    private static int inputStride(int[] inDims, int axis) {
        int stride = 1;
        for (int d = inDims.length - 1; d > axis; d--) {
            stride *= inDims[d];
        }
        return stride;
    }

    /** The product of the kept (or reduced) extents, leaving out axis {@code skip}. */
    private static int extent(int[] inDims, int[] outStrides, boolean kept, int skip) {
        int product = 1;
        for (int d = 0; d < inDims.length; d++) {
            if ((outStrides[d] != 0) == kept && d != skip) {
                product *= inDims[d];
            }
        }
        return product;
    }

    /**
     * The input offset of the {@code index}-th row-major combination of the kept (or reduced) axes other than
     * {@code skip}, the other axes at 0.
     */
    private static int inputOffset(int index, int[] inDims, int[] outStrides, boolean kept, int skip) {
        int offset = 0;
        int stride = 1;
        for (int d = inDims.length - 1; d >= 0; d--) {
            if ((outStrides[d] != 0) == kept && d != skip) {
                offset += index % inDims[d] * stride;
                index /= inDims[d];
            }
            stride *= inDims[d];
        }
        return offset;
    }

    /** Where the {@code index}-th row-major combination of the kept axes lands in the output. */
    private static int outputOffset(int index, int[] inDims, int[] outStrides) {
        int offset = 0;
        for (int d = inDims.length - 1; d >= 0; d--) {
            if (outStrides[d] != 0) {
                offset += index % inDims[d] * outStrides[d];
                index /= inDims[d];
            }
        }
        return offset;
    }
}
