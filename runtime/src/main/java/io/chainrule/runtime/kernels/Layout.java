package io.chainrule.runtime.kernels;

/**
 * Transpose of a row-major tensor, for f32, f64 and i32, for both backends. The output is walked as planes of its last two axes; within a
 * plane, rows that are contiguous in the input are block copies, and anything else (the 2-D transpose being the common
 * case) is copied in square tiles, so that both the rows read and the rows written stay in cache.
 */
public final class Layout {
    // 32 x 32 elements of 4 bytes: a tile reads 32 input lines of 128 bytes, well within L1.
    private static final int TILE = 32;

    private Layout() {
    }

    /** Output axis i is input axis {@code perm[i]}. */
    public static void transpose(float[] x, float[] out, int[] inDims, int[] perm) {
        permute(x, out, inDims, perm);
    }

    /** Output axis i is input axis {@code perm[i]}. */
    public static void transpose(int[] x, int[] out, int[] inDims, int[] perm) {
        permute(x, out, inDims, perm);
    }

    /** Output axis i is input axis {@code perm[i]}. */
    public static void transpose(double[] x, double[] out, int[] inDims, int[] perm) {
        permute(x, out, inDims, perm);
    }

    /** {@code x} and {@code out} are arrays of the same primitive type. */
    private static void permute(Object x, Object out, int[] inDims, int[] perm) {
        int rank = perm.length;
        if (rank < 2) {
            System.arraycopy(x, 0, out, 0, rank == 0 ? 1 : inDims[0]);
            return;
        }
        int rows = inDims[perm[rank - 2]];
        int rowStride = inputStride(inDims, perm[rank - 2]);
        int cols = inDims[perm[rank - 1]];
        int colStride = inputStride(inDims, perm[rank - 1]);
        int planeSize = rows * cols;
        if (planeSize == 0) {
            return;
        }
        int planes = 1;
        for (int d = 0; d < rank - 2; d++) {
            planes *= inDims[perm[d]];
        }
        for (int q = 0; q < planes; q++) {
            copyPlane(x, planeStart(q, inDims, perm), rowStride, colStride, out, q * planeSize, rows, cols);
        }
    }

    /** The input offset of output plane {@code q}: q's row-major coordinates over output axes [0, rank - 2). */
    private static int planeStart(int q, int[] inDims, int[] perm) {
        int offset = 0;
        for (int d = perm.length - 3; d >= 0; d--) {
            int extent = inDims[perm[d]];
            offset += q % extent * inputStride(inDims, perm[d]);
            q /= extent;
        }
        return offset;
    }

    private static int inputStride(int[] inDims, int axis) {
        int stride = 1;
        for (int d = inDims.length - 1; d > axis; d--) {
            stride *= inDims[d];
        }
        return stride;
    }

    /** out[at + r*cols + c] = x[start + r*rowStride + c*colStride] for r < rows, c < cols. */
    private static void copyPlane(Object x, int start, int rowStride, int colStride, Object out, int at, int rows,
            int cols) {
        if (colStride == 1 && rowStride == cols) {
            System.arraycopy(x, start, out, at, rows * cols);
        } else if (colStride == 1) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, start + r * rowStride, out, at + r * cols, cols);
            }
        } else {
            for (int r0 = 0; r0 < rows; r0 += TILE) {
                int rEnd = Math.min(r0 + TILE, rows);
                for (int c0 = 0; c0 < cols; c0 += TILE) {
                    int length = Math.min(TILE, cols - c0);
                    for (int r = r0; r < rEnd; r++) {
                        copyStrided(x, start + r * rowStride + c0 * colStride, colStride, out, at + r * cols + c0,
                                length);
                    }
                }
            }
        }
    }

    private static void copyStrided(Object x, int from, int stride, Object out, int to, int length) {
        if (x instanceof float[] in) {
            float[] o = (float[]) out;
            for (int j = 0, p = from; j < length; j++, p += stride) {
                o[to + j] = in[p];
            }
        } else if (x instanceof double[] in) {
            double[] o = (double[]) out;
            for (int j = 0, p = from; j < length; j++, p += stride) {
                o[to + j] = in[p];
            }
        } else {
            int[] in = (int[]) x;
            int[] o = (int[]) out;
            for (int j = 0, p = from; j < length; j++, p += stride) {
                o[to + j] = in[p];
            }
        }
    }
}
