package io.chainrule.codegen.kernels;

/**
 * Rows [i0, i1) and columns [j0, j1) of one product's C, set by the calling thread and run by whichever thread it is
 * handed to. Each thread has its own, reused from call to call, with its own working memory: on the Vector API path
 * the transposed panels of its columns of B for the NT and TT layouts (so that threads splitting C by columns
 * transpose their parts in parallel, each into its own cache), on the plain path a block of C's rows.
 */
final class Block {
    /** Where a block on the Vector API path reads B from. */
    enum Source {
        /** B [k,n] as given. */
        ROW_MAJOR,
        /** B [n,k] as given: the block transposes its own columns into its panels. */
        TO_TRANSPOSE,
        /** B^T already in panels for all n columns (see {@link VectorGemm#packTransposed}). */
        PANELS
    }

    private boolean vector;
    private float[] a;
    private int rowStride;
    private int colStride;
    private float[] b;
    private Source source;
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
     * A's element (i, p) is at {@code a[i * rowStride + p * colStride]}. On the Vector API path B is {@code b}, laid
     * out as {@code source} says; on the plain path B's rows are {@code bRows} and the block spans all columns.
     */
    void set(boolean vector, float[] a, int rowStride, int colStride, float[] b, Source source, float[][] bRows,
            float[] c, int n, int k, float[] bias, int epilogue, int i0, int i1, int j0, int j1) {
        this.vector = vector;
        this.a = a;
        this.rowStride = rowStride;
        this.colStride = colStride;
        this.b = b;
        this.source = source;
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
        } else if (source == Source.TO_TRANSPOSE) {
            if (packed.length < k * (width + VectorGemm.NARROWEST)) {
                packed = new float[k * (width + VectorGemm.NARROWEST)];
            }
            VectorGemm.packTransposed(b, j0, width, k, packed);
            VectorGemm.block(a, rowStride, colStride, packed, 0, 0, true, c, n, j0, width, k, bias, epilogue, i0, i1);
        } else {
            boolean panels = source == Source.PANELS;
            VectorGemm.block(a, rowStride, colStride, b, panels ? 0 : j0, n, panels, c, n, j0, width, k, bias, epilogue,
                    i0, i1);
        }
    }
}
