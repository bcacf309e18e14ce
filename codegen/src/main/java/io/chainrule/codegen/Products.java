package io.chainrule.codegen;

/**
 * The matrix products generated steps call: C[m,n] = op(A) op(B) with the epilogue (bias row, relu) applied as C is
 * stored. Public because hidden classes call it; the flags are constants baked into each call.
 */
public final class Products {
    public static final int TRANSPOSE_A = 1;
    public static final int TRANSPOSE_B = 2;
    public static final int RELU = 4;

    private Products() {
    }

    /** @param bias per-column bias of length n, or null */
    public static void matmul(float[] a, float[] b, float[] c, int m, int n, int k, int flags, float[] bias) {
        boolean ta = (flags & TRANSPOSE_A) != 0;
        boolean tb = (flags & TRANSPOSE_B) != 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                }
                c[i * n + j] = epilogue(s, bias, j, flags);
            }
        }
    }

    private static float epilogue(float s, float[] bias, int j, int flags) {
        float v = bias == null ? s : s + bias[j];
        return (flags & RELU) != 0 ? Math.max(v, 0) : v;
    }
}
