package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chainrule.ir.Attrs.Reduction;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Every kernel runs without allocating: generated training steps call them on every step. */
class AllocationFreeTest {
    private final Reduction[] reductions = Reduction.values();
    private final int[] dims = {6, 5, 4};
    private final int[] perm = {2, 0, 1};
    private final int[] matrix = {12, 10};
    private final int[] swap = {1, 0};
    private final int[] outStrides = {1, 0, 6};
    private final int[] labels = {0, 3, 1, 2, 4, 0};
    private final float[] x = new RandomData(1).probabilities(120);
    private final int[] ints = new int[120];
    private final float[] out = new float[120];
    private final int[] intOut = new int[120];

    private void runEveryKernel() {
        Reduce.sum(x, out, 6, 5, 4);
        Reduce.mean(x, out, 6, 5, 4);
        Reduce.max(x, out, 6, 5, 4);
        Reduce.sum(x, out, 24, 5, 1);
        Reduce.max(x, out, 24, 5, 1);
        Reduce.sumStrided(x, out, dims, outStrides);
        Reduce.meanStrided(x, out, dims, outStrides, 5);
        Reduce.maxStrided(x, out, dims, outStrides);
        ArgMax.argmax(x, intOut, 6, 5, 4);
        Softmax.softmax(x, out, 0, 6, 5, 4);
        Softmax.logSoftmax(x, out, 0, 6, 5, 4);
        Labels.oneHot(labels, out, 6, 20);
        Labels.gather(x, labels, out, 6, 20);
        for (Reduction reduction : reductions) {
            Losses.crossEntropy(x, labels, out, 6, 20, reduction);
            Losses.nllLoss(x, labels, out, 6, 20, reduction);
            Losses.mseLoss(x, x, out, 120, reduction);
            Losses.bceLoss(x, x, out, 120, reduction);
        }
        Layout.transpose(x, out, dims, perm);
        Layout.transpose(ints, intOut, dims, perm);
        Layout.transpose(x, out, matrix, swap);
    }

    @Test
    void kernelsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        runEveryKernel();
        long start = threads.getCurrentThreadAllocatedBytes();
        long measuring = threads.getCurrentThreadAllocatedBytes() - start;
        long before = threads.getCurrentThreadAllocatedBytes();
        runEveryKernel();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - measuring;
        assertEquals(0, allocated, "bytes allocated by one call of every kernel");
    }
}
