package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** A double-precision product to check the kernels against, and random operands for it. */
final class GemmReference {
    /** Relative to the sum of the absolute values of an element's terms. */
    static final double TOLERANCE = 1e-5;

    private GemmReference() {
    }

    static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /**
     * Checks {@code got} against act(op(A) op(B) + bias), element by element.
     */
    static void check(String what, boolean transposeA, boolean transposeB, float[] a, float[] b, float[] got, int m,
            int n, int k, float[] bias, int epilogue) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) a[transposeA ? p * m + i : i * k + p]
                            * b[transposeB ? j * k + p : p * n + j];
                    sum += term;
                    scale += Math.abs(term);
                }
                if (bias != null) {
                    sum += bias[j];
                    scale += Math.abs(bias[j]);
                }
                if ((epilogue & Gemm.RELU) != 0) {
                    sum = Math.max(sum, 0);
                }
                double error = Math.abs(got[i * n + j] - sum);
                if (!(error <= TOLERANCE * scale + Float.MIN_NORMAL)) {
                    fail(what + " " + m + "x" + n + "x" + k + " C[" + i + "," + j + "] = " + got[i * n + j]
                            + ", expected " + sum + " (error " + error + ", scale " + scale + ")");
                }
            }
        }
    }
}
