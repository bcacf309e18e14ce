package io.chainrule.codegen.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Transpose#flat} in 16 x 16 blocks held in AVX-512 registers: sixteen rows loaded, swapped pairwise across
 * four levels of two-vector shuffles (rows 8 apart, then 4, 2 and 1), sixteen columns stored. Used where it pays:
 * B^T's panels for the forward products (fc1's 48 x 784 blocks) took 0.21 ns an element against 0.32-0.41 for the
 * scalar 4 x 4 blocks on JDK 25. JDK 17 does not compile the two-vector shuffle to one instruction (13-16 ns an
 * element), so it keeps the scalar blocks, as do CPUs whose vectors hold other than 16 floats.
 *
 * <p>Each level exchanges, between rows i and i + d, the elements whose column has bit d set in row i with those whose
 * column has it clear in row i + d: after the four levels element (r, c) is at (c, r). The shuffles' negative indexes
 * take lanes from the second vector. As in {@link VectorGemm}, all vectors stay in one straight-line method.
 */
final class VectorTranspose {
    /** 16 floats a vector wherever it runs, so that its tests check the same blocks on any CPU. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    /** Whether {@link #flat} pays here: 16-float vectors in hardware, and a JDK that compiles the shuffles. */
    static final boolean FAST = FloatVector.SPECIES_PREFERRED.length() == L && Runtime.version().feature() >= 25;
    private static final VectorShuffle<Float> KEEP8 = shuffle(8, true);
    private static final VectorShuffle<Float> SWAP8 = shuffle(8, false);
    private static final VectorShuffle<Float> KEEP4 = shuffle(4, true);
    private static final VectorShuffle<Float> SWAP4 = shuffle(4, false);
    private static final VectorShuffle<Float> KEEP2 = shuffle(2, true);
    private static final VectorShuffle<Float> SWAP2 = shuffle(2, false);
    private static final VectorShuffle<Float> KEEP1 = shuffle(1, true);
    private static final VectorShuffle<Float> SWAP1 = shuffle(1, false);

    private VectorTranspose() {
    }

    /**
     * The lanes of row i ({@code keep}) or of row i + d after the level of distance d: lanes with bit d clear come from
     * row i, those with it set from row i + d, at the lane with that bit flipped where they move.
     */
    private static VectorShuffle<Float> shuffle(int d, boolean keep) {
        int[] lanes = new int[L];
        for (int l = 0; l < L; l++) {
            boolean set = (l & d) != 0;
            lanes[l] = keep ? (set ? (l ^ d) - L : l) : (set ? l - L : l ^ d);
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }

    /**
     * As {@link Transpose#flat}: dst[to + c * rows + r] = src[from + r * cols + c]; the rows past the last 16, and the
     * columns past the last 16, are copied one by one.
     */
    static void flat(float[] src, int from, int rows, int cols, float[] dst, int to) {
        int whole = cols / L * L;
        int wholeRows = rows / L * L;
        for (int r = 0; r < wholeRows; r += L) {
            for (int c = 0; c < whole; c += L) {
                block(src, from + r * cols + c, cols, dst, to + c * rows + r, rows);
            }
            copyColumns(src, from, rows, cols, dst, to, r, r + L, whole, cols);
        }
        copyColumns(src, from, rows, cols, dst, to, wholeRows, rows, 0, cols);
    }

    /** Rows [r0, r1) by columns [c0, c1) of {@link #flat}, one element at a time. */
    private static void copyColumns(float[] src, int from, int rows, int cols, float[] dst, int to, int r0, int r1,
            int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            for (int r = r0; r < r1; r++) {
                dst[to + c * rows + r] = src[from + r * cols + c];
            }
        }
    }

    /** 16 x 16 from src[s], rows {@code srcStride} apart, transposed into dst[d], rows {@code dstStride} apart. */
    private static void block(float[] src, int s, int srcStride, float[] dst, int d, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + srcStride);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * srcStride);
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * srcStride);
        FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * srcStride);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * srcStride);
        FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * srcStride);
        FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * srcStride);
        FloatVector r13 = FloatVector.fromArray(S, src, s + 13 * srcStride);
        FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * srcStride);
        FloatVector r15 = FloatVector.fromArray(S, src, s + 15 * srcStride);
        FloatVector a0 = r0.rearrange(KEEP8, r8);
        FloatVector a8 = r0.rearrange(SWAP8, r8);
        FloatVector a1 = r1.rearrange(KEEP8, r9);
        FloatVector a9 = r1.rearrange(SWAP8, r9);
        FloatVector a2 = r2.rearrange(KEEP8, r10);
        FloatVector a10 = r2.rearrange(SWAP8, r10);
        FloatVector a3 = r3.rearrange(KEEP8, r11);
        FloatVector a11 = r3.rearrange(SWAP8, r11);
        FloatVector a4 = r4.rearrange(KEEP8, r12);
        FloatVector a12 = r4.rearrange(SWAP8, r12);
        FloatVector a5 = r5.rearrange(KEEP8, r13);
        FloatVector a13 = r5.rearrange(SWAP8, r13);
        FloatVector a6 = r6.rearrange(KEEP8, r14);
        FloatVector a14 = r6.rearrange(SWAP8, r14);
        FloatVector a7 = r7.rearrange(KEEP8, r15);
        FloatVector a15 = r7.rearrange(SWAP8, r15);
        FloatVector b0 = a0.rearrange(KEEP4, a4);
        FloatVector b4 = a0.rearrange(SWAP4, a4);
        FloatVector b1 = a1.rearrange(KEEP4, a5);
        FloatVector b5 = a1.rearrange(SWAP4, a5);
        FloatVector b2 = a2.rearrange(KEEP4, a6);
        FloatVector b6 = a2.rearrange(SWAP4, a6);
        FloatVector b3 = a3.rearrange(KEEP4, a7);
        FloatVector b7 = a3.rearrange(SWAP4, a7);
        FloatVector b8 = a8.rearrange(KEEP4, a12);
        FloatVector b12 = a8.rearrange(SWAP4, a12);
        FloatVector b9 = a9.rearrange(KEEP4, a13);
        FloatVector b13 = a9.rearrange(SWAP4, a13);
        FloatVector b10 = a10.rearrange(KEEP4, a14);
        FloatVector b14 = a10.rearrange(SWAP4, a14);
        FloatVector b11 = a11.rearrange(KEEP4, a15);
        FloatVector b15 = a11.rearrange(SWAP4, a15);
        FloatVector c0 = b0.rearrange(KEEP2, b2);
        FloatVector c2 = b0.rearrange(SWAP2, b2);
        FloatVector c1 = b1.rearrange(KEEP2, b3);
        FloatVector c3 = b1.rearrange(SWAP2, b3);
        FloatVector c4 = b4.rearrange(KEEP2, b6);
        FloatVector c6 = b4.rearrange(SWAP2, b6);
        FloatVector c5 = b5.rearrange(KEEP2, b7);
        FloatVector c7 = b5.rearrange(SWAP2, b7);
        FloatVector c8 = b8.rearrange(KEEP2, b10);
        FloatVector c10 = b8.rearrange(SWAP2, b10);
        FloatVector c9 = b9.rearrange(KEEP2, b11);
        FloatVector c11 = b9.rearrange(SWAP2, b11);
        FloatVector c12 = b12.rearrange(KEEP2, b14);
        FloatVector c14 = b12.rearrange(SWAP2, b14);
        FloatVector c13 = b13.rearrange(KEEP2, b15);
        FloatVector c15 = b13.rearrange(SWAP2, b15);
        c0.rearrange(KEEP1, c1).intoArray(dst, d);
        c0.rearrange(SWAP1, c1).intoArray(dst, d + dstStride);
        c2.rearrange(KEEP1, c3).intoArray(dst, d + 2 * dstStride);
        c2.rearrange(SWAP1, c3).intoArray(dst, d + 3 * dstStride);
        c4.rearrange(KEEP1, c5).intoArray(dst, d + 4 * dstStride);
        c4.rearrange(SWAP1, c5).intoArray(dst, d + 5 * dstStride);
        c6.rearrange(KEEP1, c7).intoArray(dst, d + 6 * dstStride);
        c6.rearrange(SWAP1, c7).intoArray(dst, d + 7 * dstStride);
        c8.rearrange(KEEP1, c9).intoArray(dst, d + 8 * dstStride);
        c8.rearrange(SWAP1, c9).intoArray(dst, d + 9 * dstStride);
        c10.rearrange(KEEP1, c11).intoArray(dst, d + 10 * dstStride);
        c10.rearrange(SWAP1, c11).intoArray(dst, d + 11 * dstStride);
        c12.rearrange(KEEP1, c13).intoArray(dst, d + 12 * dstStride);
        c12.rearrange(SWAP1, c13).intoArray(dst, d + 13 * dstStride);
        c14.rearrange(KEEP1, c15).intoArray(dst, d + 14 * dstStride);
        c14.rearrange(SWAP1, c15).intoArray(dst, d + 15 * dstStride);
    }
}
