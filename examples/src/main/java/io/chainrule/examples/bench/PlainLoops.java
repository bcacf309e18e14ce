package io.chainrule.examples.bench;

/**
 * The products as one would write them by hand in plain Java over flat row-major arrays: the baseline the kernels are
 * measured against. Each inner loop runs along contiguous memory.
 */
final class PlainLoops {
    private PlainLoops() {
    }

    /** i-k-j: C[i,:] += A(i,p) B[p,:], A [m,k] or, transposed, [k,m]. */
    static void saxpy(float[] a, boolean transposeA, float[] b, float[] c, int m, int n, int k) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = transposeA ? a[p * m + i] : a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** i-j-k: C[i,j] = A[i,:] . B[j,:], B [n,k]: for A B^T the i-k-j order would read B down its columns. */
    static void dots(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[ai + p] * b[bj + p];
                }
                c[i * n + j] = sum;
            }
        }
    }

    static void epilogue(float[] c, int m, int n, float[] bias, boolean relu) {
        if (bias == null && !relu) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float x = c[i * n + j] + (bias == null ? 0f : bias[j]);
                c[i * n + j] = relu ? Math.max(x, 0f) : x;
            }
        }
    }
}
