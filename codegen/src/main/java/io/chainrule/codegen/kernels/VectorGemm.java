package io.chainrule.codegen.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: blocks of C = op(A) B, in register tiles. Only {@link Gemm} (by way of
 * {@link SplitWork}) refers to this class, and only when jdk.incubator.vector is in the boot layer, so it is never
 * loaded without the module.
 *
 * <p>Vectors are the CPU's preferred species, L lanes (16 with AVX-512, 8 with AVX2). Each tile shape is one
 * straight-line method holding all its vectors: a vector passed to a call that C2 does not inline is boxed. Columns go
 * in tiles of 3L, then the rest in one tile of L, 2L or 3L columns (the narrowest that covers it) over the block's last
 * columns, overlapping columns already done: no masks, which are slow on JDK 17. A block narrower than that tile
 * takes at most one each of 2L, L and L/2 (the half-width species) columns and a last L/2-wide tile overlapping.
 * Tiles of 3L and 2L columns take 4 rows (12 and 8 independent sums), the narrower ones 8 rows, so that there are
 * always at least 8 sums in flight; a last block of fewer rows overlaps rows already done. Every element is summed in
 * the same order whichever tile computes it, so results do not depend on how C is split, and a tile overlapping
 * another stores the same bits again. Tiles store all
 * they compute: a store under a condition made JDK 17 box a vector on every call (65 KB a step of the MNIST MLP).
 *
 * <p>Every operation is the abstract {@code lanewise(op, ...)}, called here, rather than {@code fma}, {@code add} or
 * {@code max}: those are final methods of FloatVector whose inner virtual call has one type profile for the whole JVM.
 * Once any code ran another vector shape through them, JDK 17 compiled them bimorphic and boxed every vector (100
 * instead of 170 GFLOP/s at 100x120x784 after a single 8-wide tail had run). Called here, the profile is this class's.
 *
 * <p>Accumulators start from the bias and are stored as {@code floor.lanewise(MAX, acc)}, with floor 0 for relu and
 * -infinity otherwise: the binary operation also gives the stored vector its exact class, which JDK 17's store
 * intrinsic needs (a loop-carried accumulator stored directly gets boxed).
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> H = S.withShape(VectorShape.forBitSize(S.vectorBitSize() / 2));
    /** Lanes of a vector: 16 with AVX-512, 8 with AVX2. */
    private static final int L = S.length();
    /** The widest tile's columns, and the narrowest's (the fewest columns a block can have). */
    static final int WIDEST = 3 * L;
    static final int NARROWEST = L / 2;
    /**
     * The floats of B a panel of columns may hold: 512 KB, half of a 1 MB L2, leaving room for the rows of A it meets.
     * The MNIST MLP's largest B (784 x 120, 94 K floats) fits whole, so its products run as before.
     */
    static final int PANEL_FLOATS = 128 * 1024;

    private VectorGemm() {
    }

    /**
     * Rows [i0, i1) and columns [cFrom, cFrom + width) of C, whose rows are {@code cStride} apart. A is row-major, its
     * rows {@code rowStride} apart. B is those columns laid out by {@link #pack} from {@code b[0]}: each tile reads its
     * own panel, k rows of its width. So a tile steps through A by one and through B by its width, constants C2
     * knows, which lets it drop the bounds checks of their loads from the loop (read in place, B's rows were n apart
     * and a transposed A's m, numbers C2 does not know: checks on every load, 9% of the MNIST MLP's step on JDK 25 for
     * B's alone). Needs at least 8 rows and {@link #NARROWEST} columns, so that the last tiles overlap this block only.
     */
    static void block(float[] a, int rowStride, float[] b, float[] c, int cStride, int cFrom, int width, int k,
            float[] bias, int epilogue, int i0, int i1) {
        int wide = width / WIDEST * WIDEST;
        int panel = panelColumns(wide, k);
        for (int j0 = 0; j0 < wide; j0 += panel) {
            int j1 = Math.min(j0 + panel, wide);
            for (int i = i0; i < i1; i += 4) {
                int top = Math.min(i, i1 - 4);
                int aTop = top * rowStride;
                int cRow = top * cStride + cFrom;
                for (int j = j0; j < j1; j += WIDEST) {
                    tile3(a, aTop, rowStride, b, k * j, c, cRow + j, cStride, bias, cFrom + j, k, epilogue);
                }
            }
        }
        int last = lastTile(width);
        if (last == 0) {
            return;
        }
        int bAt = k * wide;
        if (last <= width) {
            // the rest in one tile over the last columns: the narrow tiles run at 0.75 (L) and 0.37 (L/2) of the
            // widest's speed a column (MNIST MLP step, JDK 25), so redoing up to L - 1 columns at full speed is cheaper
            int j = width - last;
            for (int i = i0; i < i1; i += last == L ? 8 : 4) {
                int top = Math.min(i, i1 - (last == L ? 8 : 4));
                int aTop = top * rowStride;
                int cRow = top * cStride + cFrom + j;
                if (last == WIDEST) {
                    tile3(a, aTop, rowStride, b, bAt, c, cRow, cStride, bias, cFrom + j, k, epilogue);
                } else if (last == 2 * L) {
                    tile2(a, aTop, rowStride, b, bAt, c, cRow, cStride, bias, cFrom + j, k, epilogue);
                } else {
                    tile1(a, aTop, rowStride, b, bAt, c, cRow, cStride, bias, cFrom + j, k, epilogue);
                }
            }
            return;
        }
        narrow(a, rowStride, b, c, cStride, cFrom, width, k, bias, epilogue, i0, i1);
    }

    /**
     * Small products (m x n x k) that, in every layout, run every tile and the 16 x 16 register transpose: n = 5L (3L,
     * then 2L; 16 rows and k = 16, so that B^T's panels and A^T hold whole 16 x 16 blocks), 4L (3L, then L; 8 rows) and
     * 3L/2 (narrow: L and L/2; 64 rows, so that these tiles, called once per 8 rows, get as many calls as the others),
     * the last two with k = 4: until C2 compiles them, every vector is an object and a call costs up to a millisecond.
     * For {@link Gemm#shapesRunningEveryTile}.
     */
    static int[][] shapesRunningEveryTile() {
        return new int[][] {{16, 5 * L, 16}, {8, 4 * L, 4}, {64, 3 * L / 2, 4}};
    }

    /**
     * The columns of the tile that finishes a block of {@code width} columns after its tiles of 3L: 0 when they cover
     * it, else the narrowest of L, 2L and 3L that covers the rest; more than {@code width} when the block is too
     * narrow for that tile (fewer than 3L columns), which {@link #narrow} then covers.
     */
    static int lastTile(int width) {
        int rest = width % WIDEST;
        return rest == 0 ? 0 : (rest + L - 1) / L * L;
    }

    /** A block of fewer than 3L columns, too few to overlap its rest: 2L, L and L/2 tiles, a last L/2 overlapping. */
    private static void narrow(float[] a, int rowStride, float[] b, float[] c, int cStride, int cFrom, int width,
            int k, float[] bias, int epilogue, int i0, int i1) {
        boolean two = width >= 2 * L;
        for (int i = i0; two && i < i1; i += 4) {
            int top = Math.min(i, i1 - 4);
            tile2(a, top * rowStride, rowStride, b, 0, c, top * cStride + cFrom, cStride, bias, cFrom, k, epilogue);
        }
        int from = two ? 2 * L : 0;
        if (from == width) {
            return;
        }
        for (int i = i0; i < i1; i += 8) {
            int top = Math.min(i, i1 - 8);
            int aTop = top * rowStride;
            int cRow = top * cStride + cFrom;
            int j = from;
            if (j + L <= width) {
                tile1(a, aTop, rowStride, b, k * j, c, cRow + j, cStride, bias, cFrom + j, k, epilogue);
                j += L;
            }
            if (j + NARROWEST <= width) {
                tileHalf(a, aTop, rowStride, b, k * j, c, cRow + j, cStride, bias, cFrom + j, k, epilogue);
                j += NARROWEST;
            }
            if (j < width) {
                int last = width - NARROWEST;
                tileHalf(a, aTop, rowStride, b, k * j, c, cRow + last, cStride, bias, cFrom + last, k,
                        epilogue);
            }
        }
    }

    /**
     * How many of the {@code wide} columns of the widest tiles run down all the block's rows before the next ones
     * start: all of them while their k rows of B fit in {@link #PANEL_FLOATS}, else the most whole tiles that fit (at
     * least one). Each row of tiles reads its columns of B for all k; without panels, a row of tiles over a B of 16 MB
     * (width 2048) read it from memory again for every four rows of C. Which tile computes an element, and the order
     * it sums in, do not change, so neither do the bits.
     */
    static int panelColumns(int wide, int k) {
        if ((long) wide * k <= PANEL_FLOATS) {
            return Math.max(wide, WIDEST);
        }
        return Math.max(WIDEST, PANEL_FLOATS / k / WIDEST * WIDEST);
    }

    /**
     * Columns [j0, j0 + width) of B, as {@link #block} reads them: one row-major [k, w] panel per tile, w its width, in
     * the order of the tiles, the last tile's panel holding the block's last columns. B is [n,k] row-major when
     * {@code transposed} (B^T is the operand), else [k,n]. Needs {@link #packedFloats}{@code (width, k)} floats.
     */
    static void pack(float[] b, boolean transposed, int n, int j0, int width, int k, float[] panels) {
        int j = 0;
        for (; j + WIDEST <= width; j += WIDEST) {
            packTile(b, transposed, n, j0 + j, WIDEST, k, panels, k * j);
        }
        int last = lastTile(width);
        if (last == 0) {
            return;
        }
        if (last <= width) {
            packTile(b, transposed, n, j0 + width - last, last, k, panels, k * j);
            return;
        }
        for (int w = 2 * L; w >= NARROWEST; w /= 2) {
            if (j + w <= width) {
                packTile(b, transposed, n, j0 + j, w, k, panels, k * j);
                j += w;
            }
        }
        if (j < width) {
            packTile(b, transposed, n, j0 + width - NARROWEST, NARROWEST, k, panels, k * j);
        }
    }

    /** The floats {@link #pack} needs for a block of {@code width} columns: its last tile redoes fewer than L. */
    static int packedFloats(int width, int k) {
        return k * (width + L);
    }

    /** A [k,m] (A^T is the operand) transposed into {@code rows} [m,k], so that the tiles read A along its rows. */
    static void rowsOfA(float[] a, int k, int m, float[] rows) {
        if (VectorTranspose.FAST) {
            VectorTranspose.flat(a, 0, k, m, rows, 0);
        } else {
            Transpose.flat(a, 0, k, m, rows, 0);
        }
    }

    /** Columns [column, column + w) of B as one row-major [k, w] panel at panels[to]. */
    private static void packTile(float[] b, boolean transposed, int n, int column, int w, int k, float[] panels,
            int to) {
        if (transposed) {
            if (VectorTranspose.FAST && w % 16 == 0) {
                VectorTranspose.flat(b, column * k, w, k, panels, to);
            } else {
                Transpose.flat(b, column * k, w, k, panels, to);
            }
            return;
        }
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * n + column, panels, to + p * w, w);
        }
    }

    /**
     * A 4 x 3L tile: C[cTop] is its top-left element, B[bAt] the start of its panel, bias[biasAt] its first bias.
     */
    private static void tile3(float[] a, int aTop, int rs, float[] b, int bAt, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector bias1 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + L);
        FloatVector bias2 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + 2 * L);
        FloatVector c00 = bias0;
        FloatVector c01 = bias1;
        FloatVector c02 = bias2;
        FloatVector c10 = bias0;
        FloatVector c11 = bias1;
        FloatVector c12 = bias2;
        FloatVector c20 = bias0;
        FloatVector c21 = bias1;
        FloatVector c22 = bias2;
        FloatVector c30 = bias0;
        FloatVector c31 = bias1;
        FloatVector c32 = bias2;
        for (int p = 0, bp = bAt; p < k; p++, bp += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[aTop + p]);
            c00 = x.lanewise(FMA, b0, c00);
            c01 = x.lanewise(FMA, b1, c01);
            c02 = x.lanewise(FMA, b2, c02);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.lanewise(FMA, b0, c10);
            c11 = x.lanewise(FMA, b1, c11);
            c12 = x.lanewise(FMA, b2, c12);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.lanewise(FMA, b0, c20);
            c21 = x.lanewise(FMA, b1, c21);
            c22 = x.lanewise(FMA, b2, c22);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.lanewise(FMA, b0, c30);
            c31 = x.lanewise(FMA, b1, c31);
            c32 = x.lanewise(FMA, b2, c32);
        }
        FloatVector floor = FloatVector.broadcast(S, Gemm.floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c01).intoArray(c, cTop + L);
        floor.lanewise(MAX, c02).intoArray(c, cTop + 2 * L);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c11).intoArray(c, c1 + L);
        floor.lanewise(MAX, c12).intoArray(c, c1 + 2 * L);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c21).intoArray(c, c2 + L);
        floor.lanewise(MAX, c22).intoArray(c, c2 + 2 * L);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + L);
        floor.lanewise(MAX, c32).intoArray(c, c3 + 2 * L);
    }

    private static void tile2(float[] a, int aTop, int rs, float[] b, int bAt, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector bias1 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + L);
        FloatVector c00 = bias0;
        FloatVector c01 = bias1;
        FloatVector c10 = bias0;
        FloatVector c11 = bias1;
        FloatVector c20 = bias0;
        FloatVector c21 = bias1;
        FloatVector c30 = bias0;
        FloatVector c31 = bias1;
        for (int p = 0, bp = bAt; p < k; p++, bp += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[aTop + p]);
            c00 = x.lanewise(FMA, b0, c00);
            c01 = x.lanewise(FMA, b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.lanewise(FMA, b0, c10);
            c11 = x.lanewise(FMA, b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.lanewise(FMA, b0, c20);
            c21 = x.lanewise(FMA, b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.lanewise(FMA, b0, c30);
            c31 = x.lanewise(FMA, b1, c31);
        }
        FloatVector floor = FloatVector.broadcast(S, Gemm.floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c01).intoArray(c, cTop + L);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c11).intoArray(c, c1 + L);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c21).intoArray(c, c2 + L);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + L);
    }

    /** 8 x L: narrow tiles take 8 rows, so that 8 independent sums hide the latency of the multiply-adds. */
    private static void tile1(float[] a, int aTop, int rs, float[] b, int bAt, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int a4 = a3 + rs;
        int a5 = a4 + rs;
        int a6 = a5 + rs;
        int a7 = a6 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        int c4 = c3 + cStride;
        int c5 = c4 + cStride;
        int c6 = c5 + cStride;
        int c7 = c6 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector c00 = bias0;
        FloatVector c10 = bias0;
        FloatVector c20 = bias0;
        FloatVector c30 = bias0;
        FloatVector c40 = bias0;
        FloatVector c50 = bias0;
        FloatVector c60 = bias0;
        FloatVector c70 = bias0;
        for (int p = 0, bp = bAt; p < k; p++, bp += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector x = FloatVector.broadcast(S, a[aTop + p]);
            c00 = x.lanewise(FMA, b0, c00);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.lanewise(FMA, b0, c10);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.lanewise(FMA, b0, c20);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.lanewise(FMA, b0, c30);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.lanewise(FMA, b0, c40);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.lanewise(FMA, b0, c50);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.lanewise(FMA, b0, c60);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.lanewise(FMA, b0, c70);
        }
        FloatVector floor = FloatVector.broadcast(S, Gemm.floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c40).intoArray(c, c4);
        floor.lanewise(MAX, c50).intoArray(c, c5);
        floor.lanewise(MAX, c60).intoArray(c, c6);
        floor.lanewise(MAX, c70).intoArray(c, c7);
    }

    private static void tileHalf(float[] a, int aTop, int rs, float[] b, int bAt, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int a4 = a3 + rs;
        int a5 = a4 + rs;
        int a6 = a5 + rs;
        int a7 = a6 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        int c4 = c3 + cStride;
        int c5 = c4 + cStride;
        int c6 = c5 + cStride;
        int c7 = c6 + cStride;
        FloatVector zero = FloatVector.zero(H);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(H, bias, biasAt);
        FloatVector c00 = bias0;
        FloatVector c10 = bias0;
        FloatVector c20 = bias0;
        FloatVector c30 = bias0;
        FloatVector c40 = bias0;
        FloatVector c50 = bias0;
        FloatVector c60 = bias0;
        FloatVector c70 = bias0;
        for (int p = 0, bp = bAt; p < k; p++, bp += NARROWEST) {
            FloatVector b0 = FloatVector.fromArray(H, b, bp);
            FloatVector x = FloatVector.broadcast(H, a[aTop + p]);
            c00 = x.lanewise(FMA, b0, c00);
            x = FloatVector.broadcast(H, a[a1 + p]);
            c10 = x.lanewise(FMA, b0, c10);
            x = FloatVector.broadcast(H, a[a2 + p]);
            c20 = x.lanewise(FMA, b0, c20);
            x = FloatVector.broadcast(H, a[a3 + p]);
            c30 = x.lanewise(FMA, b0, c30);
            x = FloatVector.broadcast(H, a[a4 + p]);
            c40 = x.lanewise(FMA, b0, c40);
            x = FloatVector.broadcast(H, a[a5 + p]);
            c50 = x.lanewise(FMA, b0, c50);
            x = FloatVector.broadcast(H, a[a6 + p]);
            c60 = x.lanewise(FMA, b0, c60);
            x = FloatVector.broadcast(H, a[a7 + p]);
            c70 = x.lanewise(FMA, b0, c70);
        }
        FloatVector floor = FloatVector.broadcast(H, Gemm.floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c40).intoArray(c, c4);
        floor.lanewise(MAX, c50).intoArray(c, c5);
        floor.lanewise(MAX, c60).intoArray(c, c6);
        floor.lanewise(MAX, c70).intoArray(c, c7);
    }
}
