package io.chainrule.codegen.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: blocks of C = op(A) B with B row-major, in register tiles of 4 rows. Only {@link Gemm} (by way
 * of {@link Block}) refers to this class, and only when jdk.incubator.vector is in the boot layer, so it is never loaded
 * without the module.
 *
 * <p>Each tile shape is one straight-line method holding all its vectors: a vector passed to a call that C2 does not
 * inline is boxed. Columns go in tiles of 48, then at most one each of 32, 16 and 8 (the 256-bit species), then a last
 * 8-wide tile that overlaps columns already done and stores only its new lanes: no masks, which are slow on JDK 17.
 * A last block of fewer than 4 rows overlaps rows already done the same way.
 *
 * <p>Every operation is the abstract {@code lanewise(op, ...)}, called here, rather than {@code fma}, {@code add} or
 * {@code max}: those are final methods of FloatVector whose inner virtual call has one type profile for the whole JVM.
 * Once any code ran another vector shape through them, JDK 17 compiled them bimorphic and boxed every vector (100
 * instead of 170 GFLOP/s at 100x120x784 after a single 8-wide tail had run). Called here, the profile is this class's.
 *
 * <p>Accumulators start from the bias (and from C when accumulating) and are stored as {@code floor.lanewise(MAX,
 * acc)}, with floor 0 for relu and -infinity otherwise: the binary operation also gives the stored vector its exact
 * class, which JDK 17's store intrinsic needs (a loop-carried accumulator stored directly gets boxed).
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;

    private VectorGemm() {
    }

    /**
     * Rows [i0, i1) and columns [cFrom, cFrom + width) of C, whose rows are {@code cStride} apart. A's element (i, p)
     * is at {@code a[i * rowStride + p * colStride]}; B is row-major with rows {@code bStride} apart, and column
     * {@code cFrom + j} of C reads column {@code bFrom + j} of B. Needs i1 >= 4 and width >= 8.
     */
    static void block(float[] a, int rowStride, int colStride, float[] b, int bFrom, int bStride, float[] c,
            int cStride, int cFrom, int width, int k, float[] bias, int epilogue, int i0, int i1) {
        for (int i = i0; i < i1; i += 4) {
            int top = Math.min(i, i1 - 4);
            int skip = i - top;
            int aTop = top * rowStride;
            int cRow = top * cStride + cFrom;
            int j = 0;
            for (; j + 48 <= width; j += 48) {
                tile48(a, aTop, rowStride, colStride, b, bFrom + j, bStride, c, cRow + j, cStride, bias, cFrom + j, k,
                        epilogue, skip);
            }
            if (j + 32 <= width) {
                tile32(a, aTop, rowStride, colStride, b, bFrom + j, bStride, c, cRow + j, cStride, bias, cFrom + j, k,
                        epilogue, skip);
                j += 32;
            }
            if (j + 16 <= width) {
                tile16(a, aTop, rowStride, colStride, b, bFrom + j, bStride, c, cRow + j, cStride, bias, cFrom + j, k,
                        epilogue, skip);
                j += 16;
            }
            if (j + 8 <= width) {
                tile8(a, aTop, rowStride, colStride, b, bFrom + j, bStride, c, cRow + j, cStride, bias, cFrom + j, k,
                        epilogue, skip);
                j += 8;
            }
            if (j < width) {
                int last = width - 8;
                tileLast8(a, aTop, rowStride, colStride, b, bFrom + last, bStride, c, cRow + last, cStride, bias,
                        cFrom + last, k, epilogue, skip, width - j);
            }
        }
    }

    private static float floor(int epilogue) {
        return (epilogue & Gemm.RELU) != 0 ? 0f : Float.NEGATIVE_INFINITY;
    }

    private static boolean accumulates(int epilogue) {
        return (epilogue & Gemm.ACCUMULATE) != 0;
    }

    /**
     * A 4 x 48 tile: C[cTop] is its top-left element, B[bAt] the first element it reads of B, bias[biasAt] its first
     * bias. Its first {@code skip} rows are computed but not stored.
     */
    private static void tile48(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue, int skip) {
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
        boolean acc = accumulates(epilogue);
        FloatVector c00 = acc ? FloatVector.fromArray(S, c, cTop).lanewise(ADD, bias0) : bias0;
        FloatVector c01 = acc ? FloatVector.fromArray(S, c, cTop + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c02 = acc ? FloatVector.fromArray(S, c, cTop + 32).lanewise(ADD, bias2) : bias2;
        FloatVector c10 = acc ? FloatVector.fromArray(S, c, c1).lanewise(ADD, bias0) : bias0;
        FloatVector c11 = acc ? FloatVector.fromArray(S, c, c1 + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c12 = acc ? FloatVector.fromArray(S, c, c1 + 32).lanewise(ADD, bias2) : bias2;
        FloatVector c20 = acc ? FloatVector.fromArray(S, c, c2).lanewise(ADD, bias0) : bias0;
        FloatVector c21 = acc ? FloatVector.fromArray(S, c, c2 + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c22 = acc ? FloatVector.fromArray(S, c, c2 + 32).lanewise(ADD, bias2) : bias2;
        FloatVector c30 = acc ? FloatVector.fromArray(S, c, c3).lanewise(ADD, bias0) : bias0;
        FloatVector c31 = acc ? FloatVector.fromArray(S, c, c3 + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c32 = acc ? FloatVector.fromArray(S, c, c3 + 32).lanewise(ADD, bias2) : bias2;
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
        if (skip == 0) {
            floor.lanewise(MAX, c00).intoArray(c, cTop);
            floor.lanewise(MAX, c01).intoArray(c, cTop + 16);
            floor.lanewise(MAX, c02).intoArray(c, cTop + 32);
        }
        if (skip <= 1) {
            floor.lanewise(MAX, c10).intoArray(c, c1);
            floor.lanewise(MAX, c11).intoArray(c, c1 + 16);
            floor.lanewise(MAX, c12).intoArray(c, c1 + 32);
        }
        if (skip <= 2) {
            floor.lanewise(MAX, c20).intoArray(c, c2);
            floor.lanewise(MAX, c21).intoArray(c, c2 + 16);
            floor.lanewise(MAX, c22).intoArray(c, c2 + 32);
        }
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + 16);
        floor.lanewise(MAX, c32).intoArray(c, c3 + 32);
    }

    private static void tile32(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue, int skip) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector zero = FloatVector.zero(S);
        FloatVector bias0 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt);
        FloatVector bias1 = bias == null ? zero : FloatVector.fromArray(S, bias, biasAt + 16);
        boolean acc = accumulates(epilogue);
        FloatVector c00 = acc ? FloatVector.fromArray(S, c, cTop).lanewise(ADD, bias0) : bias0;
        FloatVector c01 = acc ? FloatVector.fromArray(S, c, cTop + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c10 = acc ? FloatVector.fromArray(S, c, c1).lanewise(ADD, bias0) : bias0;
        FloatVector c11 = acc ? FloatVector.fromArray(S, c, c1 + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c20 = acc ? FloatVector.fromArray(S, c, c2).lanewise(ADD, bias0) : bias0;
        FloatVector c21 = acc ? FloatVector.fromArray(S, c, c2 + 16).lanewise(ADD, bias1) : bias1;
        FloatVector c30 = acc ? FloatVector.fromArray(S, c, c3).lanewise(ADD, bias0) : bias0;
        FloatVector c31 = acc ? FloatVector.fromArray(S, c, c3 + 16).lanewise(ADD, bias1) : bias1;
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
        if (skip == 0) {
            floor.lanewise(MAX, c00).intoArray(c, cTop);
            floor.lanewise(MAX, c01).intoArray(c, cTop + 16);
        }
        if (skip <= 1) {
            floor.lanewise(MAX, c10).intoArray(c, c1);
            floor.lanewise(MAX, c11).intoArray(c, c1 + 16);
        }
        if (skip <= 2) {
            floor.lanewise(MAX, c20).intoArray(c, c2);
            floor.lanewise(MAX, c21).intoArray(c, c2 + 16);
        }
        floor.lanewise(MAX, c30).intoArray(c, c3);
        floor.lanewise(MAX, c31).intoArray(c, c3 + 16);
    }

    private static void tile16(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue, int skip) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector bias0 = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasAt);
        boolean acc = accumulates(epilogue);
        FloatVector c00 = acc ? FloatVector.fromArray(S, c, cTop).lanewise(ADD, bias0) : bias0;
        FloatVector c10 = acc ? FloatVector.fromArray(S, c, c1).lanewise(ADD, bias0) : bias0;
        FloatVector c20 = acc ? FloatVector.fromArray(S, c, c2).lanewise(ADD, bias0) : bias0;
        FloatVector c30 = acc ? FloatVector.fromArray(S, c, c3).lanewise(ADD, bias0) : bias0;
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            c00 = FloatVector.broadcast(S, a[aTop + ap]).lanewise(FMA, b0, c00);
            c10 = FloatVector.broadcast(S, a[a1 + ap]).lanewise(FMA, b0, c10);
            c20 = FloatVector.broadcast(S, a[a2 + ap]).lanewise(FMA, b0, c20);
            c30 = FloatVector.broadcast(S, a[a3 + ap]).lanewise(FMA, b0, c30);
        }
        FloatVector floor = FloatVector.broadcast(S, floor(epilogue));
        if (skip == 0) {
            floor.lanewise(MAX, c00).intoArray(c, cTop);
        }
        if (skip <= 1) {
            floor.lanewise(MAX, c10).intoArray(c, c1);
        }
        if (skip <= 2) {
            floor.lanewise(MAX, c20).intoArray(c, c2);
        }
        floor.lanewise(MAX, c30).intoArray(c, c3);
    }

    private static void tile8(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride, float[] c,
            int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue, int skip) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector bias0 = bias == null ? FloatVector.zero(H) : FloatVector.fromArray(H, bias, biasAt);
        boolean acc = accumulates(epilogue);
        FloatVector c00 = acc ? FloatVector.fromArray(H, c, cTop).lanewise(ADD, bias0) : bias0;
        FloatVector c10 = acc ? FloatVector.fromArray(H, c, c1).lanewise(ADD, bias0) : bias0;
        FloatVector c20 = acc ? FloatVector.fromArray(H, c, c2).lanewise(ADD, bias0) : bias0;
        FloatVector c30 = acc ? FloatVector.fromArray(H, c, c3).lanewise(ADD, bias0) : bias0;
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(H, b, bp);
            c00 = FloatVector.broadcast(H, a[aTop + ap]).lanewise(FMA, b0, c00);
            c10 = FloatVector.broadcast(H, a[a1 + ap]).lanewise(FMA, b0, c10);
            c20 = FloatVector.broadcast(H, a[a2 + ap]).lanewise(FMA, b0, c20);
            c30 = FloatVector.broadcast(H, a[a3 + ap]).lanewise(FMA, b0, c30);
        }
        FloatVector floor = FloatVector.broadcast(H, floor(epilogue));
        if (skip == 0) {
            floor.lanewise(MAX, c00).intoArray(c, cTop);
        }
        if (skip <= 1) {
            floor.lanewise(MAX, c10).intoArray(c, c1);
        }
        if (skip <= 2) {
            floor.lanewise(MAX, c20).intoArray(c, c2);
        }
        floor.lanewise(MAX, c30).intoArray(c, c3);
    }

    /**
     * The last columns, fewer than 8: an 8-wide tile ending at the block's last column that stores only its last
     * {@code width} lanes, since the others belong to columns already stored (and, when accumulating, added to).
     */
    private static void tileLast8(float[] a, int aTop, int rs, int cs, float[] b, int bAt, int bStride,
            float[] c, int cTop, int cStride, float[] bias, int biasAt, int k, int epilogue, int skip, int width) {
        int a1 = aTop + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int c1 = cTop + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        FloatVector bias0 = bias == null ? FloatVector.zero(H) : FloatVector.fromArray(H, bias, biasAt);
        boolean acc = accumulates(epilogue);
        FloatVector c00 = acc ? FloatVector.fromArray(H, c, cTop).lanewise(ADD, bias0) : bias0;
        FloatVector c10 = acc ? FloatVector.fromArray(H, c, c1).lanewise(ADD, bias0) : bias0;
        FloatVector c20 = acc ? FloatVector.fromArray(H, c, c2).lanewise(ADD, bias0) : bias0;
        FloatVector c30 = acc ? FloatVector.fromArray(H, c, c3).lanewise(ADD, bias0) : bias0;
        for (int p = 0, ap = 0, bp = bAt; p < k; p++, ap += cs, bp += bStride) {
            FloatVector b0 = FloatVector.fromArray(H, b, bp);
            c00 = FloatVector.broadcast(H, a[aTop + ap]).lanewise(FMA, b0, c00);
            c10 = FloatVector.broadcast(H, a[a1 + ap]).lanewise(FMA, b0, c10);
            c20 = FloatVector.broadcast(H, a[a2 + ap]).lanewise(FMA, b0, c20);
            c30 = FloatVector.broadcast(H, a[a3 + ap]).lanewise(FMA, b0, c30);
        }
        FloatVector floor = FloatVector.broadcast(H, floor(epilogue));
        FloatVector r0 = floor.lanewise(MAX, c00);
        FloatVector r1 = floor.lanewise(MAX, c10);
        FloatVector r2 = floor.lanewise(MAX, c20);
        FloatVector r3 = floor.lanewise(MAX, c30);
        for (int lane = 8 - width; lane < 8; lane++) {
            if (skip == 0) {
                c[cTop + lane] = r0.lane(lane);
            }
            if (skip <= 1) {
                c[c1 + lane] = r1.lane(lane);
            }
            if (skip <= 2) {
                c[c2 + lane] = r2.lane(lane);
            }
            c[c3 + lane] = r3.lane(lane);
        }
    }
}
