package io.chainrule.codegen.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.FMA;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A B^T with few columns (a classifier's last layer: 10 classes), as dot products of A's rows with B's rows, both
 * contiguous: a register tile 8 or 16 columns wide would be mostly padding and would need B transposed first. Blocks
 * of 2 rows by 4 columns keep 8 sums in flight, each in a vector's lanes, added across at the end; the last block of
 * rows or columns overlaps the one before and stores the same bits again (each sum runs in the same order in every
 * block).
 *
 * <p>As in {@link VectorGemm}, vectors stay inside one straight-line method and every operation is the abstract
 * {@code lanewise(op, ...)}; only {@link Gemm} refers to this class.
 */
final class VectorDots {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorDots() {
    }

    /**
     * Whether {@link #product} should take C [m,n] (it needs 2 rows and 4 columns): below 8 columns, where at 512 bits
     * there is no tile, and below 16 for long rows (k >= 256), where the sums across lanes cost little. Measured A B^T
     * on JDK 17 at 512 bits: 100x10x784 13 us (tiles 35 us), 64x4x32 0.7 us (plain loops 3.7 us), 100x10x84 5.1 us
     * (tiles 4.6 us); the thresholds were not measured again at 256 bits.
     */
    static boolean fits(int m, int n, int k) {
        return m >= 2 && n >= 4 && (n < 8 || n < 16 && k >= 256);
    }

    /** C[m,n] = act(A[m,k] B[n,k]^T + bias). */
    static void product(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue) {
        for (int i = 0; i < m; i += 2) {
            int top = Math.min(i, m - 2);
            for (int j = 0; j < n; j += 4) {
                block(a, b, c, Math.min(j, n - 4), top, n, k, bias, epilogue);
            }
        }
    }

    /** Rows top and top + 1, columns j to j + 3. */
    private static void block(float[] a, float[] b, float[] c, int j, int top, int n, int k, float[] bias,
            int epilogue) {
        int a0 = top * k;
        int a1 = a0 + k;
        int b0 = j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        int vectorEnd = k / L * L;
        for (int p = 0; p < vectorEnd; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.lanewise(FMA, y, s00);
            s10 = x1.lanewise(FMA, y, s10);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.lanewise(FMA, y, s01);
            s11 = x1.lanewise(FMA, y, s11);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.lanewise(FMA, y, s02);
            s12 = x1.lanewise(FMA, y, s12);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.lanewise(FMA, y, s03);
            s13 = x1.lanewise(FMA, y, s13);
        }
        float d00 = s00.reduceLanes(ADD);
        float d01 = s01.reduceLanes(ADD);
        float d02 = s02.reduceLanes(ADD);
        float d03 = s03.reduceLanes(ADD);
        float d10 = s10.reduceLanes(ADD);
        float d11 = s11.reduceLanes(ADD);
        float d12 = s12.reduceLanes(ADD);
        float d13 = s13.reduceLanes(ADD);
        for (int p = vectorEnd; p < k; p++) {
            float x0 = a[a0 + p];
            float x1 = a[a1 + p];
            d00 += x0 * b[b0 + p];
            d01 += x0 * b[b1 + p];
            d02 += x0 * b[b2 + p];
            d03 += x0 * b[b3 + p];
            d10 += x1 * b[b0 + p];
            d11 += x1 * b[b1 + p];
            d12 += x1 * b[b2 + p];
            d13 += x1 * b[b3 + p];
        }
        int c0 = top * n + j;
        int c1 = c0 + n;
        c[c0] = store(d00, bias, j, epilogue);
        c[c0 + 1] = store(d01, bias, j + 1, epilogue);
        c[c0 + 2] = store(d02, bias, j + 2, epilogue);
        c[c0 + 3] = store(d03, bias, j + 3, epilogue);
        c[c1] = store(d10, bias, j, epilogue);
        c[c1 + 1] = store(d11, bias, j + 1, epilogue);
        c[c1 + 2] = store(d12, bias, j + 2, epilogue);
        c[c1 + 3] = store(d13, bias, j + 3, epilogue);
    }

    private static float store(float dot, float[] bias, int column, int epilogue) {
        return Gemm.activate(bias == null ? dot : bias[column] + dot, epilogue);
    }
}
