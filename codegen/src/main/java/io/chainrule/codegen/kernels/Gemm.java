package io.chainrule.codegen.kernels;

/**
 * Matrix products for compiled training steps: {@code C[m,n] = epilogue(op(A) op(B))} over row-major {@code float[]},
 * each operand its own array starting at index 0, op an optional transpose given by the method's name (n: as stored,
 * t: transposed). The layouts of a training step are {@link #nt} (Linear's forward, x W^T), {@link #tn} (weight
 * gradients, dY^T X) and {@link #nn} (input gradients, dY W).
 *
 * <p>The epilogue is applied as each tile of C is stored: {@code C = act(op(A) op(B) + bias)}, bias a vector of n added
 * to every row (null for none) and act relu when {@link #RELU} is set. C's values before the call are never read.
 * Generated code passes the flags as int constants.
 *
 * <p>With jdk.incubator.vector in the boot layer, on a CPU with FMA and vectors of 256 bits or more (AVX2, AVX-512),
 * the products run on Vector API register tiles of the CPU's preferred width (at least 8 rows and half a vector of
 * columns), as dot products (A B^T with few columns), or, with a single row or column, as matrix-vector products;
 * otherwise on plain-Java loops that C2 vectorizes (see {@link VectorHardware} for why).
 *
 * <p>The caller owns a {@link GemmScratch}, one per calling thread, reused across calls (no call allocates once it has
 * grown); a scratch made with helper threads splits big products between the caller and them.
 */
public final class Gemm {
    /** max(x, 0) applied last. */
    public static final int RELU = 1;

    private static final long MIN_FLOPS_PER_THREAD = 100_000;
    /**
     * Split products are cut into blocks of at least this much work (and 8 rows), claimed one at a time by the threads:
     * small enough that a thread losing its core holds back little, large enough that claims cost nothing measurable.
     */
    private static final long MIN_FLOPS_PER_BLOCK = 50_000;
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** The module is there and the CPU runs its kernels fast (checked in that order: the check needs the module). */
    private static final boolean VECTOR_API = VECTOR_MODULE && VectorHardware.fast();

    private Gemm() {
    }

    /** The epilogue's activation of one value: max(x, 0) under {@link #RELU} (NaN stays NaN), else x. */
    static float activate(float x, int epilogue) {
        return (epilogue & RELU) != 0 ? Math.max(x, 0f) : x;
    }

    /** The floor the vector kernels store through, {@code floor.lanewise(MAX, acc)}: 0 under relu, else -infinity. */
    static float floor(int epilogue) {
        return (epilogue & RELU) != 0 ? 0f : Float.NEGATIVE_INFINITY;
    }

    /** Whether products run on the Vector API. */
    public static boolean usesVectorApi() {
        return VECTOR_API;
    }

    /** The width of the vectors the products run on, in bits; 0 on the plain-Java path. */
    public static int vectorBits() {
        return VECTOR_API ? VectorHardware.preferredBits() : 0;
    }

    /**
     * Shapes m x n x k whose products, in every layout, run every Vector API kernel a step uses, for a warm-up that has
     * C2 compile them before a step needs them; none on the plain-Java path.
     */
    public static int[][] shapesRunningEveryTile() {
        return VECTOR_API ? VectorGemm.shapesRunningEveryTile() : new int[0][];
    }

    /** Whether the Vector API kernels can run here at all, if slowly: for their tests. */
    static boolean vectorKernelsRunnable() {
        return VECTOR_MODULE && VectorHardware.runnable();
    }

    /** C[m,n] = A[m,k] B[k,n]. */
    public static void nn(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue,
            GemmScratch scratch) {
        multiply(VECTOR_API, false, false, a, b, c, m, n, k, bias, epilogue, scratch);
    }

    /** C[m,n] = A[m,k] B[n,k]^T. */
    public static void nt(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue,
            GemmScratch scratch) {
        multiply(VECTOR_API, false, true, a, b, c, m, n, k, bias, epilogue, scratch);
    }

    /** C[m,n] = A[k,m]^T B[k,n]. */
    public static void tn(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue,
            GemmScratch scratch) {
        multiply(VECTOR_API, true, false, a, b, c, m, n, k, bias, epilogue, scratch);
    }

    /** C[m,n] = A[k,m]^T B[n,k]^T. */
    public static void tt(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue,
            GemmScratch scratch) {
        multiply(VECTOR_API, true, true, a, b, c, m, n, k, bias, epilogue, scratch);
    }

    /** The product on the Vector API path when {@code vector} (and the shape allows it), else on the plain path. */
    static void multiply(boolean vector, boolean transposeA, boolean transposeB, float[] a, float[] b, float[] c, int m,
            int n, int k, float[] bias, int epilogue, GemmScratch scratch) {
        check(a, b, c, m, n, k, bias, epilogue);
        if (vector && (n == 1 || m == 1)) {
            matrixVector(transposeA, transposeB, a, b, c, m, n, k, bias, epilogue);
            return;
        }
        if (vector && transposeB && !transposeA && VectorDots.fits(m, n, k)) {
            VectorDots.product(a, b, c, m, n, k, bias, epilogue);
            return;
        }
        boolean onVectors = vector && m >= 8 && n >= VectorGemm.NARROWEST;
        float[] aRead = a;
        if (onVectors && transposeA) {
            // A^T as given: the tiles read A along its rows, a step of one that C2 checks once (see VectorGemm.block)
            aRead = scratch.rowsOfA(m * k);
            VectorGemm.rowsOfA(a, k, m, aRead);
        }
        int rowStride = transposeA && !onVectors ? 1 : k;
        int colStride = transposeA && !onVectors ? m : 1;
        long flops = 2L * m * n * k;
        int columnParts = vector ? parts(scratch.threads(), n / VectorGemm.WIDEST, flops) : 1;
        int rowParts = parts(scratch.threads(), m / 8, flops);
        SplitWork product = scratch.work();
        if (onVectors && (columnParts > 1 || rowParts == 1)) {
            // by columns, each block packing its own columns of B (transposing them for NT) into its thread's cache
            product.set(true, aRead, rowStride, colStride, b,
                    transposeB ? SplitWork.Source.PACK_TRANSPOSED : SplitWork.Source.PACK, null, c, n, k, bias,
                    epilogue);
            if ((long) n * k > VectorGemm.PANEL_FLOATS) {
                // a block per panel of B's columns, so that its packed columns stay in L2 while every row of A meets
                // them, rather than all of B (16 MB at width 2048) written out and read back; a last block too
                // narrow for a tile joins the one before
                int panel = panelColumns(n, k);
                for (int j0 = 0, j1; j0 < n; j0 = j1) {
                    j1 = panelEnd(n, j0, panel);
                    product.add(0, m, j0, j1);
                }
            } else {
                for (int block = 0, j0 = 0; block < columnParts; block++) {
                    int j1 = block == columnParts - 1 ? n : (n * (block + 1) / columnParts + 4) / 8 * 8;
                    product.add(0, m, j0, j1);
                    j0 = j1;
                }
            }
            scratch.run(columnParts);
            return;
        }
        if (onVectors && (long) n * k > VectorGemm.PANEL_FLOATS) {
            // by rows, a panel of B's columns at a time: the caller packs the panel into a buffer that stays in L2
            // while every row of A meets it, rather than all of B (16 MB at width 2048) written out and read back
            int panel = panelColumns(n, k);
            float[] packed = scratch.panels(VectorGemm.packedFloats(panel + VectorGemm.NARROWEST, k));
            for (int j0 = 0, j1; j0 < n; j0 = j1) {
                j1 = panelEnd(n, j0, panel);
                VectorGemm.pack(b, transposeB, n, j0, j1 - j0, k, packed);
                product.set(true, aRead, rowStride, colStride, packed, SplitWork.Source.PANELS, null, c, n, k, bias,
                        epilogue);
                addRowBlocks(product, m, j0, j1, rowParts, 2L * m * (j1 - j0) * k);
                scratch.run(rowParts);
            }
            return;
        }
        float[] bShared = b;
        float[][] bRows = null;
        if (onVectors) {
            // by rows: the caller packs all of B once for every block, into the tiles' panels (see VectorGemm.block)
            bShared = scratch.panels(VectorGemm.packedFloats(n, k));
            VectorGemm.pack(b, transposeB, n, 0, n, k, bShared);
        } else {
            bRows = PlainGemm.rowsOfB(b, transposeB, n, k, scratch);
        }
        product.set(onVectors, aRead, rowStride, colStride, bShared, SplitWork.Source.PANELS, bRows, c, n, k, bias,
                epilogue);
        addRowBlocks(product, m, 0, n, rowParts, flops);
        scratch.run(rowParts);
    }

    /** The columns of B a panel holds in a product of {@code n} columns (see {@link VectorGemm#panelColumns}). */
    private static int panelColumns(int n, int k) {
        return VectorGemm.panelColumns(n / VectorGemm.WIDEST * VectorGemm.WIDEST, k);
    }

    /** The end of the panel of {@code panel} columns from {@code j0}; a last one too narrow for a tile joins it. */
    private static int panelEnd(int n, int j0, int panel) {
        return n - j0 - panel < VectorGemm.NARROWEST ? n : j0 + panel;
    }

    /** Columns [j0, j1) of C in blocks of rows, one for each of {@code rowParts} or more when there is work enough. */
    private static void addRowBlocks(SplitWork product, int m, int j0, int j1, int rowParts, long flops) {
        int blocks = rowParts == 1 ? 1 : (int) Math.max(rowParts, Math.min(m / 8, flops / MIN_FLOPS_PER_BLOCK));
        for (int block = 0, i0 = 0; block < blocks; block++) {
            // near-even blocks, each of at least the 8 rows its last tiles overlap (blocks <= m / 8)
            int i1 = block == blocks - 1 ? m : Math.min(Math.max((m * (block + 1) / blocks + 2) / 4 * 4, i0 + 8),
                    m - 8 * (blocks - 1 - block));
            product.add(i0, i1, j0, j1);
            i0 = i1;
        }
    }

    /**
     * C [m,1] or [1,n] on {@link VectorGemv}. Its single column of B (or row of A) is contiguous whether transposed or
     * not, and so is C; the other operand is read by rows (dot products) or down its columns (saxpys).
     */
    private static void matrixVector(boolean transposeA, boolean transposeB, float[] a, float[] b, float[] c, int m,
            int n, int k, float[] bias, int epilogue) {
        if (n == 1) {
            if (transposeA) {
                VectorGemv.axpys(a, k, m, b, c, bias, 0, epilogue);
            } else {
                VectorGemv.dots(a, m, k, b, c, bias, 0, epilogue);
            }
        } else if (transposeB) {
            VectorGemv.dots(b, n, k, a, c, bias, 1, epilogue);
        } else {
            VectorGemv.axpys(b, k, n, a, c, bias, 1, epilogue);
        }
    }

    /**
     * How many threads to split C over: at most {@code limit}, so that each part has enough whole tiles, and each with
     * at least {@link #MIN_FLOPS_PER_THREAD}, below which the handover costs more than it saves.
     */
    private static int parts(int threads, int limit, long flops) {
        return (int) Math.max(1, Math.min(threads, Math.min(limit, flops / MIN_FLOPS_PER_THREAD)));
    }

    private static void check(float[] a, float[] b, float[] c, int m, int n, int k, float[] bias, int epilogue) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm shape " + m + "x" + n + "x" + k);
        }
        need("A", a, (long) m * k);
        need("B", b, (long) k * n);
        need("C", c, (long) m * n);
        if (bias != null) {
            need("bias", bias, n);
        }
        if ((epilogue & ~RELU) != 0) {
            throw new IllegalArgumentException("gemm epilogue flags " + epilogue);
        }
    }

    private static void need(String name, float[] array, long length) {
        if (array.length < length) {
            throw new IllegalArgumentException(
                    "gemm " + name + " has " + array.length + " floats, needs " + length);
        }
    }
}
