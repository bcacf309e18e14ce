package io.chainrule.codegen.kernels;

/**
 * The fused elementwise loops of a compiled step that {@link GemmScratch#loop} may split between threads, implemented
 * by the generated step class: every element of such a loop is computed from its inputs at the same index alone, so
 * ranges of its outermost axis can run on different threads in any order and give the same bits.
 */
public interface SplitLoops {
    /** Runs loop {@code loop} over indices [from, to) of its outermost axis, on the step's buffers. */
    void run(int loop, float[][] floats, int[][] ints, int from, int to);
}
