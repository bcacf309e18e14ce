package io.chainrule.runtime.kernels;

/**
 * The index of the first maximum along the middle axis of [outer, n, inner], as torch.argmax: equal values keep the
 * first, and a NaN counts as the maximum. Used by both backends and by the model's accuracy and predictions.
 */
public final class ArgMax {
    private ArgMax() {
    }

    /** {@code out[o*inner + i]} = the first j maximizing {@code x[(o*n + j)*inner + i]}. */
    public static void argmax(float[] x, int[] out, int outer, int n, int inner) {
        checkNotEmpty(n);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = of(x, o * n * inner + i, n, inner);
            }
        }
    }

    /** As the f32 argmax. */
    public static void argmax(double[] x, int[] out, int outer, int n, int inner) {
        checkNotEmpty(n);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = of(x, o * n * inner + i, n, inner);
            }
        }
    }

    /** The first index of the maximum of n (at least one) elements from {@code start} by {@code stride}. */
    public static int of(float[] x, int start, int n, int stride) {
        int best = 0;
        float bestValue = x[start];
        for (int j = 1, p = start + stride; j < n && !Float.isNaN(bestValue); j++, p += stride) {
            float v = x[p];
            if (v > bestValue || Float.isNaN(v)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    private static int of(double[] x, int start, int n, int stride) {
        int best = 0;
        double bestValue = x[start];
        for (int j = 1, p = start + stride; j < n && !Double.isNaN(bestValue); j++, p += stride) {
            double v = x[p];
            if (v > bestValue || Double.isNaN(v)) {
                best = j;
                bestValue = v;
            }
        }
        return best;
    }

    private static void checkNotEmpty(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("argmax along an empty axis");
        }
    }
}
