package io.chainrule.codegen.kernels;

/**
 * Rows [i0, i1) and columns [j0, j1) of one product's C, set by the calling thread and run by whichever thread it is
 * handed to. Each thread has its own, reused from call to call, with its own working memory: on the Vector API path
 * the transposed copy of its columns of B for the NT and TT layouts (so that threads splitting C by columns transpose
 * their parts in parallel, each into its own cache), on the plain path a block of C's rows.
 */
final class Block {
    private boolean vector;
    private float[] a;
    private int rowStride;
    private int colStride;
    private float[] b;
    private boolean transposeB;
    private float[][] bRows;
    private float[] c;
    private int n;
    private int k;
    private float[] bias;
    private int epilogue;
    private int i0;
    private int i1;
    private int j0;
    private int j1;
    private float[] packed = new float[0];
    private float[][] cRows = new float[4][0];

    /**
     * A's element (i, p) is at {@code a[i * rowStride + p * colStride]}. On the Vector API path B is {@code b}: [n,k]
     * when {@code transposeB}, the block then transposing its own columns of it, else [k,n]. On the plain path B's rows
     * are {@code bRows} and the block spans all columns.
     */
    void set(boolean vector, float[] a, int rowStride, int colStride, float[] b, boolean transposeB, float[][] bRows,
            float[] c, int n, int k, float[] bias, int epilogue, int i0, int i1, int j0, int j1) {
        this.vector = vector;
        this.a = a;
        this.rowStride = rowStride;
        this.colStride = colStride;
        this.b = b;
        this.transposeB = transposeB;
        this.bRows = bRows;
        this.c = c;
        this.n = n;
        this.k = k;
        this.bias = bias;
        this.epilogue = epilogue;
        this.i0 = i0;
        this.i1 = i1;
        this.j0 = j0;
        this.j1 = j1;
    }

    void run() {
        int width = j1 - j0;
        if (!vector) {
            if (cRows[0].length < n) {
                cRows = new float[4][n];
            }
            PlainGemm.rows(a, rowStride, colStride, bRows, c, n, k, bias, epilogue, cRows, i0, i1);
        } else if (transposeB) {
            if (packed.length < k * width) {
                packed = new float[k * width];
            }
            Transpose.flat(b, j0 * k, width, k, packed);
            VectorGemm.block(a, rowStride, colStride, packed, 0, width, c, n, j0, width, k, bias, epilogue, i0, i1);
        } else {
            VectorGemm.block(a, rowStride, colStride, b, j0, n, c, n, j0, width, k, bias, epilogue, i0, i1);
        }
    }
}
