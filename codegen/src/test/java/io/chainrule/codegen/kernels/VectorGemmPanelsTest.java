package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Wide products run in panels of B's columns sized for L2, each packed (or transposed) on its own when B exceeds one,
 * and the panels change neither which tile computes an element nor the order it sums in: every element is bit for bit
 * the chain of fused multiply-adds from its bias over p = 0 .. k-1, on one thread and on two.
 */
class VectorGemmPanelsTest {
    private static final long SEED = 15L;

    @Test
    void theMlpsProductsRunWholeAndWideOnesInPanels() {
        int widest = VectorGemm.WIDEST;
        int mlpWide = 784 / widest * widest;
        assertEquals(mlpWide, VectorGemm.panelColumns(mlpWide, 100), "fc1's weight gradient, 784 columns, k 100");
        int fc1Wide = 120 / widest * widest;
        assertEquals(fc1Wide, VectorGemm.panelColumns(fc1Wide, 784), "fc1's forward, 120 columns, k 784");
        int wide = 2048 / widest * widest;
        int panel = VectorGemm.panelColumns(wide, 2048);
        assertTrue(panel < wide && panel % widest == 0 && (long) panel * 2048 <= VectorGemm.PANEL_FLOATS,
                "width 2048, k 2048: panel of " + panel + " columns");
        assertEquals(widest, VectorGemm.panelColumns(wide, VectorGemm.PANEL_FLOATS),
                "a k so large that one tile's columns exceed the budget still gets one tile");
    }

    @Test
    void panelledProductsAreTheFusedMultiplyAddsInOrder() {
        // panels exist only in the Vector API tiles: a machine that cannot run them fails here rather than skip
        assertTrue(Gemm.vectorKernelsRunnable(), "the Vector API tiles cannot run here (they need 128-bit vectors "
                + "with FMA and the jdk.incubator.vector module): this test checks their panels");
        Random random = new Random(SEED);
        // m x n x k: k 2048 cuts n into panels of a few tiles, the last of 13 columns; the same with 5 columns left,
        // too few for a tile, which the last panel takes; k 100 cuts n 2100 into two uneven panels
        int[][] shapes = {{12, 7 * VectorGemm.WIDEST + 13, 2048}, {12, 3 * VectorGemm.WIDEST + 5, 2048},
            {20, 2100, 100}};
        try (GemmScratch one = new GemmScratch(1); GemmScratch two = new GemmScratch(2)) {
            for (int[] shape : shapes) {
                int m = shape[0];
                int n = shape[1];
                int k = shape[2];
                for (boolean transposeA : new boolean[] {false, true}) {
                    for (boolean transposeB : new boolean[] {false, true}) {
                        float[] a = GemmReference.random(random, m * k);
                        float[] b = GemmReference.random(random, k * n);
                        float[] bias = GemmReference.random(random, n);
                        float[] expected = fusedInOrder(transposeA, transposeB, a, b, m, n, k, bias);
                        for (GemmScratch scratch : new GemmScratch[] {one, two}) {
                            float[] c = new float[m * n];
                            Gemm.multiply(true, transposeA, transposeB, a, b, c, m, n, k, bias, Gemm.RELU, scratch);
                            String what = m + "x" + n + "x" + k + (transposeA ? " t" : " n") + (transposeB ? "t" : "n")
                                    + " on " + scratch.threads() + " thread(s)";
                            assertBitIdentical(what, expected, c);
                        }
                    }
                }
            }
        }
    }

    private static float[] fusedInOrder(boolean transposeA, boolean transposeB, float[] a, float[] b, int m, int n,
            int k, float[] bias) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = bias[j];
                for (int p = 0; p < k; p++) {
                    float x = transposeA ? a[p * m + i] : a[i * k + p];
                    float y = transposeB ? b[j * k + p] : b[p * n + j];
                    sum = Math.fma(x, y, sum);
                }
                c[i * n + j] = Math.max(sum, 0f);
            }
        }
        return c;
    }

    private static void assertBitIdentical(String what, float[] expected, float[] actual) {
        for (int e = 0; e < expected.length; e++) {
            if (Float.floatToRawIntBits(expected[e]) != Float.floatToRawIntBits(actual[e])) {
                throw new AssertionError(what + ": element " + e + " is " + actual[e] + ", expected " + expected[e]);
            }
        }
    }
}
