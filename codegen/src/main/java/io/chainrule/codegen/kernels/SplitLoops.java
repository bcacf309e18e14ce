package io.chainrule.codegen.kernels;

/**
 * The kernels of a compiled step that {@link GemmScratch#loop} may split between threads, implemented by the generated
 * step class: fused elementwise loops and softmax's lanes, whose results at an index of their outermost axis are
 * computed from their inputs alone, so that ranges of that axis can run on different threads in any order and give
 * the same bits.
 */
public interface SplitLoops {
    /** Runs loop {@code loop} over indices [from, to) of its outermost axis, on the step's buffers. */
    void run(int loop, float[][] floats, int[][] ints, int from, int to);
}
