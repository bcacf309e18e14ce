package io.chainrule.codegen.kernels;

import java.util.Arrays;

/**
 * The plain-Java path, for JVMs without jdk.incubator.vector and for shapes too small for a vector tile. C2 vectorizes
 * a loop only when all its arrays are indexed alike ({@code c[j] += x * b[j]}), not flat arrays at two offsets, so B's
 * rows are copied into separate arrays and each block of 4 rows of C is computed in separate row arrays, then stored.
 * Four rows per pass over a row of B load it once for four saxpys.
 */
final class PlainGemm {
    private PlainGemm() {
    }

    /** B's rows as separate arrays: B [k,n] copied, or B [n,k] transposed. */
    static float[][] rowsOfB(float[] b, boolean transposeB, int n, int k, GemmScratch scratch) {
        float[][] bRows = scratch.bRows(k, n);
        if (transposeB) {
            Transpose.toRows(b, n, k, bRows);
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n, bRows[p], 0, n);
            }
        }
        return bRows;
    }

    /**
     * Rows [i0, i1) of C[m,n] = op(A) B, B given as its rows; A's element (i, p) is at
     * {@code a[i * rowStride + p * colStride]}. {@code cRows} holds four rows of n floats of working memory.
     *
     * <p>The 4-row loop is written out here rather than in a method of its own: at over 325 bytes of bytecode
     * (FreqInlineSize) this method is compiled on its own, not inlined into a helper thread's endless loop, whose
     * on-stack-replacement compile ran it about 30% slower and is never redone.
     */
    static void rows(float[] a, int rowStride, int colStride, float[][] bRows, float[] c, int n, int k, float[] bias,
            int epilogue, float[][] cRows, int i0, int i1) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int c0 = i * n;
            float[] r0 = start(n, bias, cRows[0]);
            float[] r1 = start(n, bias, cRows[1]);
            float[] r2 = start(n, bias, cRows[2]);
            float[] r3 = start(n, bias, cRows[3]);
            int a0 = i * rowStride;
            int a1 = a0 + rowStride;
            int a2 = a1 + rowStride;
            int a3 = a2 + rowStride;
            for (int p = 0, ap = 0; p < k; p++, ap += colStride) {
                float x0 = a[a0 + ap];
                float x1 = a[a1 + ap];
                float x2 = a[a2 + ap];
                float x3 = a[a3 + ap];
                float[] bp = bRows[p];
                for (int j = 0; j < n; j++) {
                    float bj = bp[j];
                    r0[j] += x0 * bj;
                    r1[j] += x1 * bj;
                    r2[j] += x2 * bj;
                    r3[j] += x3 * bj;
                }
            }
            finish(r0, c, c0, n, epilogue);
            finish(r1, c, c0 + n, n, epilogue);
            finish(r2, c, c0 + 2 * n, n, epilogue);
            finish(r3, c, c0 + 3 * n, n, epilogue);
        }
        for (; i < i1; i++) {
            row(a, i * rowStride, colStride, bRows, c, i * n, n, k, bias, epilogue, cRows[0]);
        }
    }

    private static void row(float[] a, int a0, int cs, float[][] bRows, float[] c, int c0, int n, int k, float[] bias,
            int epilogue, float[] cRow) {
        float[] r = start(n, bias, cRow);
        for (int p = 0, ap = a0; p < k; p++, ap += cs) {
            float x = a[ap];
            float[] bp = bRows[p];
            for (int j = 0; j < n; j++) {
                r[j] += x * bp[j];
            }
        }
        finish(r, c, c0, n, epilogue);
    }

    /** The row's starting values: the bias, or zero. */
    private static float[] start(int n, float[] bias, float[] row) {
        Arrays.fill(row, 0, n, 0f);
        if (bias != null) {
            for (int j = 0; j < n; j++) {
                row[j] += bias[j];
            }
        }
        return row;
    }

    private static void finish(float[] row, float[] c, int to, int n, int epilogue) {
        if ((epilogue & Gemm.RELU) != 0) {
            for (int j = 0; j < n; j++) {
                row[j] = Math.max(row[j], 0f);
            }
        }
        System.arraycopy(row, 0, c, to, n);
    }
}
