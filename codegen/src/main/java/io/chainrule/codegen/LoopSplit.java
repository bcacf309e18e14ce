package io.chainrule.codegen;

import io.chainrule.codegen.kernels.GemmScratch;

/**
 * How a compiled step shares a kernel between threads: {@code blocks} ranges of the {@code extent} indices of its
 * outermost axis, {@code inner} elements an index ({@link GemmScratch#loop}); fewer than 2 blocks: the kernel runs
 * whole, and takes no range.
 */
record LoopSplit(int extent, int inner, int blocks) {
    static final LoopSplit NONE = new LoopSplit(1, 1, 1);

    /** The split {@link GemmScratch#loopBlocks} gives a kernel of {@code work}, an estimate in float ops. */
    static LoopSplit of(int extent, int inner, long work) {
        return new LoopSplit(extent, inner, Math.max(1, GemmScratch.loopBlocks(work, extent)));
    }

    boolean splits() {
        return blocks >= 2;
    }
}
