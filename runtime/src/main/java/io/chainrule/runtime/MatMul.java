package io.chainrule.runtime;

import io.chainrule.ir.TensorType;
import java.util.Arrays;

/**
 * C[m,n] = A[m,k] B[k,n], either operand read transposed in place through its strides. The loop order keeps the
 * innermost loop contiguous in B: i-k-j (a row of B scaled into a row of C) when B is read as stored, i-j-k (a dot
 * product of two contiguous rows) when B is read transposed. f32 products accumulate in double and round once.
 */
final class MatMul {
    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB, TensorType type) {
        int m = type.shape().dim(0);
        int n = type.shape().dim(1);
        int k = transposeA ? a.shape().dim(0) : a.shape().dim(1);
        Operand lhs = transposeA ? new Operand(1, m) : new Operand(k, 1);
        Tensor out = Tensor.zeros(type);
        switch (type.dtype()) {
            case F32 -> {
                if (transposeB) {
                    dotsF32(a.floats(), lhs, b.floats(), out.floats(), m, n, k);
                } else {
                    rowsF32(a.floats(), lhs, b.floats(), out.floats(), m, n, k);
                }
            }
            case F64 -> {
                if (transposeB) {
                    dotsF64(a.doubles(), lhs, b.doubles(), out.doubles(), m, n, k);
                } else {
                    rowsF64(a.doubles(), lhs, b.doubles(), out.doubles(), m, n, k);
                }
            }
            case I32 -> throw new IllegalArgumentException("matmul of " + type);
        }
        return out;
    }

    /** Element (i, p) of the left operand is at {@code i * row + p * col}. */
    private record Operand(int row, int col) {
    }

    /** i-k-j: C[i,:] += A[i,p] * B[p,:], B stored [k,n]. */
    private static void rowsF32(float[] a, Operand lhs, float[] b, float[] c, int m, int n, int k) {
        double[] acc = new double[n];
        for (int i = 0; i < m; i++) {
            Arrays.fill(acc, 0);
            for (int p = 0; p < k; p++) {
                double aip = a[i * lhs.row() + p * lhs.col()];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * b[bp + j];
                }
            }
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] = (float) acc[j];
            }
        }
    }

    private static void rowsF64(double[] a, Operand lhs, double[] b, double[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * lhs.row() + p * lhs.col()];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /**
     * i-j-k: C[i,j] = A[i,:] . B[j,:], B stored [n,k] and read transposed. Four columns share each pass over A[i,:],
     * so four sums advance independently instead of one sum waiting on its own latency.
     */
    private static void dotsF32(float[] a, Operand lhs, float[] b, float[] c, int m, int n, int k) {
        int step = lhs.col();
        for (int i = 0; i < m; i++) {
            int ia0 = i * lhs.row();
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = j * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0, ia = ia0; p < k; p++, ia += step) {
                    double aip = a[ia];
                    s0 += aip * b[b0 + p];
                    s1 += aip * b[b0 + k + p];
                    s2 += aip * b[b0 + 2 * k + p];
                    s3 += aip * b[b0 + 3 * k + p];
                }
                c[i * n + j] = (float) s0;
                c[i * n + j + 1] = (float) s1;
                c[i * n + j + 2] = (float) s2;
                c[i * n + j + 3] = (float) s3;
            }
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0, ia = ia0, bj = j * k; p < k; p++, ia += step) {
                    s += (double) a[ia] * b[bj + p];
                }
                c[i * n + j] = (float) s;
            }
        }
    }

    private static void dotsF64(double[] a, Operand lhs, double[] b, double[] c, int m, int n, int k) {
        int step = lhs.col();
        for (int i = 0; i < m; i++) {
            int ia0 = i * lhs.row();
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = j * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0, ia = ia0; p < k; p++, ia += step) {
                    double aip = a[ia];
                    s0 += aip * b[b0 + p];
                    s1 += aip * b[b0 + k + p];
                    s2 += aip * b[b0 + 2 * k + p];
                    s3 += aip * b[b0 + 3 * k + p];
                }
                c[i * n + j] = s0;
                c[i * n + j + 1] = s1;
                c[i * n + j + 2] = s2;
                c[i * n + j + 3] = s3;
            }
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0, ia = ia0, bj = j * k; p < k; p++, ia += step) {
                    s += a[ia] * b[bj + p];
                }
                c[i * n + j] = s;
            }
        }
    }
}
