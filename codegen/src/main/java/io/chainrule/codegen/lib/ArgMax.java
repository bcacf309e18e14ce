package io.chainrule.codegen.lib;

/** The index of the first maximum along the middle axis of [outer, n, inner], as the interpreter's argmax. */
public final class ArgMax {
    private ArgMax() {
    }

    /** {@code out[o*inner + i]} = the first j maximizing {@code x[(o*n + j)*inner + i]}; a NaN counts as the maximum. */
    public static void argmax(float[] x, int[] out, int outer, int n, int inner) {
        if (n == 0) {
            // The interpreter's message also names the tensor's type and the axis, which a kernel does not see.
            throw new IllegalArgumentException("argmax along an empty axis");
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = firstMax(x, o * n * inner + i, n, inner);
            }
        }
    }

    private static int firstMax(float[] x, int start, int n, int stride) {
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
}
