package io.chainrule.codegen.kernels;

/**
 * One thread's working memory for the blocks of {@link SplitWork} it runs, grown to the largest block seen and then
 * reused: on the Vector API path the panels of a block's columns of B (so that threads splitting C by columns pack
 * their parts in parallel, each into its own cache), on the plain path four rows of C.
 */
final class Workspace {
    private float[] packed = new float[0];
    private float[][] cRows = new float[4][0];

    /** At least {@code size} floats. */
    float[] packed(int size) {
        if (packed.length < size) {
            packed = new float[size];
        }
        return packed;
    }

    /** Four rows of at least {@code n} floats. */
    float[][] cRows(int n) {
        if (cRows[0].length < n) {
            cRows = new float[4][n];
        }
        return cRows;
    }
}
