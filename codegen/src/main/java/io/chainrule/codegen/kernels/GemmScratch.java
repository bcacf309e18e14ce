package io.chainrule.codegen.kernels;

/**
 * Working memory for {@link Gemm}: a transposed copy of B for the NT and TT layouts, and for the plain-Java path B's
 * rows and a block of C's rows as separate arrays (loops over arrays indexed alike are the ones C2 vectorizes). It grows
 * to the largest product it has seen and is then reused, so a caller that keeps one allocates nothing per call.
 * Not thread-safe: one per calling thread.
 */
public final class GemmScratch {
    private float[] flat = new float[0];
    private float[][] bRows = new float[0][];
    private int bRowLength;
    private final float[][] cRows = new float[4][0];

    /** At least {@code size} floats. */
    float[] flat(int size) {
        if (flat.length < size) {
            flat = new float[size];
        }
        return flat;
    }

    /** At least {@code count} rows of at least {@code length} floats. */
    float[][] bRows(int count, int length) {
        if (bRows.length < count || bRowLength < length) {
            bRowLength = Math.max(length, bRowLength);
            bRows = new float[Math.max(count, bRows.length)][bRowLength];
        }
        return bRows;
    }

    /** Four rows of at least {@code length} floats. */
    float[][] cRows(int length) {
        if (cRows[0].length < length) {
            for (int r = 0; r < cRows.length; r++) {
                cRows[r] = new float[length];
            }
        }
        return cRows;
    }
}
