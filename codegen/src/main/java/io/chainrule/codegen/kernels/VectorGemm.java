package io.chainrule.codegen.kernels;

import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: blocks of C = op(A) B, in register tiles. Only {@link Gemm} (by way of {@link Block}) refers
 * to this class, and only when jdk.incubator.vector is in the boot layer, so it is never loaded without the module.
 *
 * <p>Each tile shape is one straight-line method holding all its vectors: a vector passed to a call that C2 does not
 * inline is boxed. Columns go in tiles of 48, then at most one each of 32, 16 and 8 (the 256-bit species), then a last
 * 8-wide tile that overlaps columns already done: no masks, which are slow on JDK 17. Tiles of 48 and 32 columns take 4
 * rows (12 and 8 independent sums), the narrower ones 8 rows, so that there are always at least 8 sums in flight; a last
 * block of fewer rows overlaps rows already done. Every element is summed in the same order whichever tile computes
 * it, so results do not depend on how C is split, and a tile overlapping another stores the same bits again. Tiles store
 * all they compute: a store under a condition made JDK 17 box a vector on every call (65 KB a step of the MNIST MLP).
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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;

    private VectorGemm() {
    }

    /** Whether the CPU's preferred float vectors are at least as wide as {@link #S}, which the tiles are built on. */
    static boolean hardwareFits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /**
     * Rows [i0, i1) and columns [cFrom, cFrom + width) of C, whose rows are {@code cStride} apart. A's element (i, p)
     * is at {@code a[i * rowStride + p * colStride]}. B starts at {@code bFrom}: either row-major with rows
     * {@code bStride} apart, column {@code cFrom + j} of C reading its column j, or, when {@code panels}, laid out by
     * {@link #packTransposed}. Needs at least 8 rows and 8 columns, so that the last tiles overlap this block only.
     */
    static void block(float[] a, int rowStride, int colStride, float[] b, int bFrom, int bStride, boolean panels,
            float[] c, int cStride, int cFrom, int width, int k, float[] bias, int epilogue, int i0, int i1) {
        int wide = width / 48 * 48;
        boolean tile32 = width - wide >= 32;
        for (int i = i0; i < i1; i += 4) {
            int top = Math.min(i, i1 - 4);
            int aTop = top * rowStride;
            int cRow = top * cStride + cFrom;
            for (int j = 0; j < wide; j += 48) {
                tile48(a, aTop, rowStride, colStride, b, bFrom + (panels ? k * j : j), panels ? 48 : bStride, c,
                        cRow + j, cStride, bias, cFrom + j, k, epilogue);
            }
            if (tile32) {
                tile32(a, aTop, rowStride, colStride, b, bFrom + (panels ? k * wide : wide), panels ? 32 : bStride, c,
                        cRow + wide, cStride, bias, cFrom + wide, k, epilogue);
            }
        }
        int narrow = tile32 ? wide + 32 : wide;
        if (narrow == width) {
            return;
        }
        for (int i = i0; i < i1; i += 8) {
            int top = Math.min(i, i1 - 8);
            int aTop = top * rowStride;
            int cRow = top * cStride + cFrom;
            int j = narrow;
            if (j + 16 <= width) {
                tile16(a, aTop, rowStride, colStride, b, bFrom + (panels ? k * j : j), panels ? 16 : bStride, c,
                        cRow + j, cStride, bias, cFrom + j, k, epilogue);
                j += 16;
            }
            if (j + 8 <= width) {
                tile8(a, aTop, rowStride, colStride, b, bFrom + (panels ? k * j : j), panels ? 8 : bStride, c,
                        cRow + j, cStride, bias, cFrom + j, k, epilogue);
                j += 8;
            }
            if (j < width) {
                int last = width - 8;
                tile8(a, aTop, rowStride, colStride, b, bFrom + (panels ? k * j : last), panels ? 8 : bStride, c,
                        cRow + last, cStride, bias, cFrom + last, k, epilogue);
            }
        }
    }

    /**
     * Columns [j0, j0 + width) of B^T, B [n,k] row-major, as {@link #block} reads them with {@code panels}: one
     * row-major [k, w] panel per tile, w its width, in the order of the tiles, the last 8-wide tile's panel holding the
     * block's last 8 columns. Contiguous panels stream faster than rows of the whole matrix. Needs k * (width + 8)
     * floats.
     */
    static void packTransposed(float[] b, int j0, int width, int k, float[] panels) {
        int j = 0;
        for (; j + 48 <= width; j += 48) {
            Transpose.flat(b, (j0 + j) * k, 48, k, panels, k * j);
        }
        for (int w = 32; w >= 8; w /= 2) {
            if (j + w <= width) {
                Transpose.flat(b, (j0 + j) * k, w, k, panels, k * j);
                j += w;
            }
        }
        if (j < width) {
            Transpose.flat(b, (j0 + width - 8) * k, 8, k, panels, k * j);
        }
    }

    private static float floor(int epilogue) {
        return (epilogue & Gemm.RELU) != 0 ? 0f : Float.NEGATIVE_INFINITY;
    }

    /**
     * A 4 x 48 tile: C[cTop] is its top-left element, B[bAt] the first element it reads of B, bias[biasAt] its first
     * bias.
     */
    private static void tile48(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride,
            float[] c, int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector bias1 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + 16);
        FloatVector bias2 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + 32);
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
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 16);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 32);
            FloatVector x = FloatVector.broadcast(S, a[aTop + ap]);
            c00 = x.lanewise(FMA, b0, c00);
            c01 = x.lanewise(FMA, b1, c01);
            c02 = x.lanewise(FMA, b2, c02);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.lanewise(FMA, b0, c10);
            c11 = x.lanewise(FMA, b1, c11);
            c12 = x.lanewise(FMA, b2, c12);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.lanewise(FMA, b0, c20);
            c21 = x.lanewise(FMA, b1, c21);
            c22 = x.lanewise(FMA, b2, c22);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.lanewise(FMA, b0, c30);
            c31 = x.lanewise(FMA, b1, c31);
            c32 = x.lanewise(FMA, b2, c32);
        }
        FloatVector floor = FloatVector.broadcast(S, floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c01).intoArray(c, cTop + 16);
        floor.lanewise(MAX, c02).intoArray(c, cTop + 32);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c11).intoArray(c, c1 + 16);
        floor.lanewise(MAX, c12).intoArray(c, c1 + 32);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c21).intoArray(c, c2 + 16);
        floor.lanewise(MAX, c22).intoArray(c, c2 + 32);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + 16);
        floor.lanewise(MAX, c32).intoArray(c, c3 + 32);
    }

    private static void tile32(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride,
            float[] c, int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector bias1 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + 16);
        FloatVector c00 = bias0;
        FloatVector c01 = bias1;
        FloatVector c10 = bias0;
        FloatVector c11 = bias1;
        FloatVector c20 = bias0;
        FloatVector c21 = bias1;
        FloatVector c30 = bias0;
        FloatVector c31 = bias1;
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 16);
            FloatVector x = FloatVector.broadcast(S, a[aTop + ap]);
            c00 = x.lanewise(FMA, b0, c00);
            c01 = x.lanewise(FMA, b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.lanewise(FMA, b0, c10);
            c11 = x.lanewise(FMA, b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.lanewise(FMA, b0, c20);
            c21 = x.lanewise(FMA, b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.lanewise(FMA, b0, c30);
            c31 = x.lanewise(FMA, b1, c31);
        }
        FloatVector floor = FloatVector.broadcast(S, floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c01).intoArray(c, cTop + 16);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c11).intoArray(c, c1 + 16);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c21).intoArray(c, c2 + 16);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + 16);
    }

    /** 8 x 16: narrow tiles take 8 rows, so that 8 independent sums hide the latency of the multiply-adds. */
    private static void tile16(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride,
            float[] c, int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
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
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector x = FloatVector.broadcast(S, a[aTop + ap]);
            c00 = x.lanewise(FMA, b0, c00);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.lanewise(FMA, b0, c10);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.lanewise(FMA, b0, c20);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.lanewise(FMA, b0, c30);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.lanewise(FMA, b0, c40);
            x = FloatVector.broadcast(S, a[a5 + ap]);
            c50 = x.lanewise(FMA, b0, c50);
            x = FloatVector.broadcast(S, a[a6 + ap]);
            c60 = x.lanewise(FMA, b0, c60);
            x = FloatVector.broadcast(S, a[a7 + ap]);
            c70 = x.lanewise(FMA, b0, c70);
        }
        FloatVector floor = FloatVector.broadcast(S, floor(epilogue));
        floor.lanewise(MAX, c00).intoArray(c, cTop);
        floor.lanewise(MAX, c10).intoArray(c, c1);
        floor.lanewise(MAX, c20).intoArray(c, c2);
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c40).intoArray(c, c4);
        floor.lanewise(MAX, c50).intoArray(c, c5);
        floor.lanewise(MAX, c60).intoArray(c, c6);
        floor.lanewise(MAX, c70).intoArray(c, c7);
    }

    private static void tile8(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride,
            float[] c, int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue) {
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
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(H, b, bp);
            FloatVector x = FloatVector.broadcast(H, a[aTop + ap]);
            c00 = x.lanewise(FMA, b0, c00);
            x = FloatVector.broadcast(H, a[a1 + ap]);
            c10 = x.lanewise(FMA, b0, c10);
            x = FloatVector.broadcast(H, a[a2 + ap]);
            c20 = x.lanewise(FMA, b0, c20);
            x = FloatVector.broadcast(H, a[a3 + ap]);
            c30 = x.lanewise(FMA, b0, c30);
            x = FloatVector.broadcast(H, a[a4 + ap]);
            c40 = x.lanewise(FMA, b0, c40);
            x = FloatVector.broadcast(H, a[a5 + ap]);
            c50 = x.lanewise(FMA, b0, c50);
            x = FloatVector.broadcast(H, a[a6 + ap]);
            c60 = x.lanewise(FMA, b0, c60);
            x = FloatVector.broadcast(H, a[a7 + ap]);
            c70 = x.lanewise(FMA, b0, c70);
        }
        FloatVector floor = FloatVector.broadcast(H, floor(epilogue));
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
