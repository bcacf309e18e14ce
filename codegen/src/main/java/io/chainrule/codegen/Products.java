package io.chainrule.codegen;

import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.codegen.kernels.GemmScratch;

/**
 * The matrix products generated steps call: C[m,n] = op(A) op(B) with the epilogue (bias row, relu) applied as C is
 * stored, on {@link Gemm}'s kernels. The hidden classes that call it are defined in this package; the flags are
 * constants baked into each call.
 */
final class Products {
    static final int TRANSPOSE_A = 1;
    static final int TRANSPOSE_B = 2;
    static final int RELU = 4;

    private Products() {
    }

    /**
     * @param bias    per-column bias of length n, or null
     * @param scratch the compiled step's working memory and helper threads
     */
    static void matmul(float[] a, float[] b, float[] c, int m, int n, int k, int flags, float[] bias,
                       GemmScratch scratch) {
        int epilogue = (flags & RELU) != 0 ? Gemm.RELU : 0;
        switch (flags & (TRANSPOSE_A | TRANSPOSE_B)) {
            case 0 -> Gemm.nn(a, b, c, m, n, k, bias, epilogue, scratch);
            case TRANSPOSE_B -> Gemm.nt(a, b, c, m, n, k, bias, epilogue, scratch);
            case TRANSPOSE_A -> Gemm.tn(a, b, c, m, n, k, bias, epilogue, scratch);
            default -> Gemm.tt(a, b, c, m, n, k, bias, epilogue, scratch);
        }
    }
}
