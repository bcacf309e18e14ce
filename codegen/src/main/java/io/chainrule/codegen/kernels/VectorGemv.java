package io.chainrule.codegen.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with a single row or column, C [m,1] or [1,n] (the 1-wide layers of small regression networks and their
 * gradients), as matrix-vector products on the Vector API: a register tile of 4 or 8 rows has nothing to fill it, and
 * the plain path loops over one-element rows. Both kernels write {@code count} contiguous outputs, each
 * {@code act(bias[o * biasStride] + sum_p mat(o, p) v[p])}.
 *
 * <p>As in {@link VectorGemm}, vectors stay inside one straight-line method and every operation is the abstract
 * {@code lanewise(op, ...)} (see there why), and only {@link Gemm} refers to this class.
 */
final class VectorGemv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGemv() {
    }

    /**
     * Output o is the dot product of row o of {@code mat} [count, k] (row-major) with {@code v}: four rows at a time,
     * each summed in L lanes (16 with AVX-512, 8 with AVX2), then across them; a last block of four overlaps the one
     * before and stores the same bits again.
     */
    static void dots(float[] mat, int count, int k, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue) {
        if (count >= 4) {
            for (int o = 0; o < count; o += 4) {
                dots4(mat, Math.min(o, count - 4), k, v, c, bias, biasStride, epilogue);
            }
        } else {
            for (int o = 0; o < count; o++) {
                dots1(mat, o, k, v, c, bias, biasStride, epilogue);
            }
        }
    }

    /**
     * Output o is {@code sum_p v[p] mat[p * count + o]}, {@code mat} [k, count] row-major: 4L and then L outputs at
     * a time in vector accumulators, each running down the rows of {@code mat} as a tile of {@link VectorGemm} does
     * (start, then one fused multiply-add per p in order), so the sums are the tiles' to the last bit and a last block
     * overlapping the one before stores the same bits again; fewer than L outputs one at a time.
     */
    static void axpys(float[] mat, int k, int count, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue) {
        if (count < L) {
            for (int o = 0; o < count; o++) {
                float s = bias == null ? 0f : bias[o * biasStride];
                for (int p = 0, at = o; p < k; p++, at += count) {
                    s = Math.fma(v[p], mat[at], s);
                }
                c[o] = Gemm.activate(s, epilogue);
            }
            return;
        }
        int o = 0;
        for (; o + 4 * L <= count; o += 4 * L) {
            axpys4(mat, k, count, v, c, bias, biasStride, epilogue, o);
        }
        for (; o < count; o += L) {
            axpys1(mat, k, count, v, c, bias, biasStride, epilogue, Math.min(o, count - L));
        }
    }

    // Each block below is one method whose vectors live only inside it: with the relu floor made once for all the
    // blocks of a call, alive across their loops, JDK 17 boxed vectors on every call (at 256 bits).

    private static void dots4(float[] mat, int o, int k, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue) {
        int vectorEnd = k / L * L;
        int r0 = o * k;
        int r1 = r0 + k;
        int r2 = r1 + k;
        int r3 = r2 + k;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int p = 0; p < vectorEnd; p += L) {
            FloatVector x = FloatVector.fromArray(S, v, p);
            s0 = FloatVector.fromArray(S, mat, r0 + p).lanewise(FMA, x, s0);
            s1 = FloatVector.fromArray(S, mat, r1 + p).lanewise(FMA, x, s1);
            s2 = FloatVector.fromArray(S, mat, r2 + p).lanewise(FMA, x, s2);
            s3 = FloatVector.fromArray(S, mat, r3 + p).lanewise(FMA, x, s3);
        }
        float d0 = s0.reduceLanes(ADD);
        float d1 = s1.reduceLanes(ADD);
        float d2 = s2.reduceLanes(ADD);
        float d3 = s3.reduceLanes(ADD);
        for (int p = vectorEnd; p < k; p++) {
            float x = v[p];
            d0 += mat[r0 + p] * x;
            d1 += mat[r1 + p] * x;
            d2 += mat[r2 + p] * x;
            d3 += mat[r3 + p] * x;
        }
        store(c, o, d0, bias, biasStride, epilogue);
        store(c, o + 1, d1, bias, biasStride, epilogue);
        store(c, o + 2, d2, bias, biasStride, epilogue);
        store(c, o + 3, d3, bias, biasStride, epilogue);
    }

    private static void dots1(float[] mat, int o, int k, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue) {
        int vectorEnd = k / L * L;
        int r = o * k;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < vectorEnd; p += L) {
            s = FloatVector.fromArray(S, mat, r + p).lanewise(FMA, FloatVector.fromArray(S, v, p), s);
        }
        float d = s.reduceLanes(ADD);
        for (int p = vectorEnd; p < k; p++) {
            d += mat[r + p] * v[p];
        }
        store(c, o, d, bias, biasStride, epilogue);
    }

    private static void axpys4(float[] mat, int k, int count, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue, int o) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        if (bias != null && biasStride == 0) {
            a0 = FloatVector.broadcast(S, bias[0]);
            a1 = a0;
            a2 = a0;
            a3 = a0;
        } else if (bias != null) {
            a0 = FloatVector.fromArray(S, bias, o);
            a1 = FloatVector.fromArray(S, bias, o + L);
            a2 = FloatVector.fromArray(S, bias, o + 2 * L);
            a3 = FloatVector.fromArray(S, bias, o + 3 * L);
        }
        for (int p = 0, row = o; p < k; p++, row += count) {
            FloatVector x = FloatVector.broadcast(S, v[p]);
            a0 = x.lanewise(FMA, FloatVector.fromArray(S, mat, row), a0);
            a1 = x.lanewise(FMA, FloatVector.fromArray(S, mat, row + L), a1);
            a2 = x.lanewise(FMA, FloatVector.fromArray(S, mat, row + 2 * L), a2);
            a3 = x.lanewise(FMA, FloatVector.fromArray(S, mat, row + 3 * L), a3);
        }
        FloatVector floor = FloatVector.broadcast(S, Gemm.floor(epilogue));
        floor.lanewise(MAX, a0).intoArray(c, o);
        floor.lanewise(MAX, a1).intoArray(c, o + L);
        floor.lanewise(MAX, a2).intoArray(c, o + 2 * L);
        floor.lanewise(MAX, a3).intoArray(c, o + 3 * L);
    }

    private static void axpys1(float[] mat, int k, int count, float[] v, float[] c, float[] bias, int biasStride,
            int epilogue, int o) {
        FloatVector a0 = FloatVector.zero(S);
        if (bias != null) {
            a0 = biasStride == 0 ? FloatVector.broadcast(S, bias[0]) : FloatVector.fromArray(S, bias, o);
        }
        for (int p = 0, row = o; p < k; p++, row += count) {
            a0 = FloatVector.broadcast(S, v[p]).lanewise(FMA, FloatVector.fromArray(S, mat, row), a0);
        }
        FloatVector.broadcast(S, Gemm.floor(epilogue)).lanewise(MAX, a0).intoArray(c, o);
    }

    private static void store(float[] c, int o, float dot, float[] bias, int biasStride, int epilogue) {
        c[o] = Gemm.activate(bias == null ? dot : bias[o * biasStride] + dot, epilogue);
    }
}
