package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link GemmScratch#loop}: a compiled step's large fused loops run in ranges shared with the helper threads. */
class SplitLoopsTest {
    private static final float[][] FLOATS = new float[0][];
    private static final int[][] INTS = new int[0][];

    /** Counts how often each index of the outermost axis ran, and on which threads. */
    private static final class CountingLoop implements SplitLoops {
        final int[] runs;
        final boolean[] onHelper;
        final Thread caller = Thread.currentThread();
        final AtomicInteger calls = new AtomicInteger();

        CountingLoop(int extent) {
            runs = new int[extent];
            onHelper = new boolean[extent];
        }

        @Override
        public void run(int loop, float[][] floats, int[][] ints, int from, int to) {
            assertEquals(7, loop, "the loop's number reaches the step");
            assertSame(FLOATS, floats, "the step's buffers reach the loop");
            assertSame(INTS, ints);
            calls.incrementAndGet();
            for (int i = from; i < to; i++) {
                runs[i]++;
                onHelper[i] = Thread.currentThread() != caller;
            }
        }

        boolean helped() {
            for (boolean h : onHelper) {
                if (h) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * extent, elements an index, blocks: flat loops (the MLP's Adam over fc1's weights, its ReLU masks, its exp over
     * 1,000 logits), rows, few rows.
     */
    private static final int[][] LOOPS = {{94_080, 1, 16}, {12_000, 1, 16}, {1_000, 1, 2}, {100, 120, 5}, {3, 5_000, 3},
        {2, 4_096, 2}};

    @Test
    void everyIndexRunsOnceWhicheverThreadsRunIt() {
        try (GemmScratch two = new GemmScratch(2)) {
            for (int[] shape : LOOPS) {
                int extent = shape[0];
                int inner = shape[1];
                int blocks = shape[2];
                boolean helped = false;
                for (int attempt = 0; attempt < 10_000 && !helped; attempt++) {
                    CountingLoop loop = new CountingLoop(extent);
                    two.loop(loop, 7, FLOATS, INTS, extent, inner, blocks);
                    int[] once = new int[extent];
                    Arrays.fill(once, 1);
                    assertArrayEquals(once, loop.runs, "every index once: " + Arrays.toString(shape));
                    assertEquals(blocks, loop.calls.get(), "blocks: " + Arrays.toString(shape));
                    helped = loop.helped();
                }
                assertTrue(helped, "the helper took a block of " + Arrays.toString(shape));
            }
        }
    }

    @Test
    void theCallerRunsTheFirstBlocksAndTheHelperTheLast() {
        // contiguous runs, so that a thread reads next step what its own core wrote (see SplitWork)
        try (GemmScratch two = new GemmScratch(2)) {
            int helped = 0;
            for (int attempt = 0; attempt < 10_000 && helped < 50; attempt++) {
                CountingLoop loop = new CountingLoop(94_080);
                two.loop(loop, 7, FLOATS, INTS, 94_080, 1, 16);
                int firstOnHelper = 0;
                while (firstOnHelper < loop.onHelper.length && !loop.onHelper[firstOnHelper]) {
                    firstOnHelper++;
                }
                for (int i = firstOnHelper; i < loop.onHelper.length; i++) {
                    assertTrue(loop.onHelper[i], "index " + i + " ran on the caller after " + firstOnHelper
                            + " on the helper");
                }
                helped += loop.helped() ? 1 : 0;
            }
            assertEquals(50, helped, "the helper took blocks of 50 loops");
        }
    }

    @Test
    void flatLoopsAreCutAtWholeVectors() {
        try (GemmScratch two = new GemmScratch(2)) {
            int extent = 94_080;
            int[] starts = new int[extent + 1];
            AtomicInteger blocks = new AtomicInteger();
            two.loop((loop, floats, ints, from, to) -> {
                starts[from]++;
                blocks.incrementAndGet();
            }, 0, FLOATS, INTS, extent, 1, 7);
            for (int i = 0; i < extent; i++) {
                if (starts[i] > 0) {
                    assertEquals(0, i % 16, "a block starts at " + i);
                }
            }
            assertEquals(7, blocks.get());
        }
    }

    @Test
    void loopsAreCutIntoBlocksOfAtLeastTheMinimumWorkAndAtMostTheMaximumCount() {
        assertEquals(1, GemmScratch.loopBlocks(2 * GemmScratch.MIN_LOOP_BLOCK_WORK - 1, 10_000), "under two blocks");
        assertEquals(2, GemmScratch.loopBlocks(2 * GemmScratch.MIN_LOOP_BLOCK_WORK, 10_000));
        assertEquals(1, GemmScratch.loopBlocks(1_000_000, 1), "one index cannot be split");
        assertEquals(3, GemmScratch.loopBlocks(1_000_000, 3), "at most a block an index");
        assertEquals(GemmScratch.MAX_LOOP_BLOCKS, GemmScratch.loopBlocks(1_000_000_000, 1_000_000));
    }

    @Test
    void oneBlockAndOneThreadRunWholeOnTheCaller() {
        for (GemmScratch scratch : new GemmScratch[] {new GemmScratch(2), new GemmScratch(1)}) {
            try (scratch) {
                int extent = 94_080;
                CountingLoop loop = new CountingLoop(extent);
                scratch.loop(loop, 7, FLOATS, INTS, extent, 1, scratch.threads() == 1 ? 16 : 1);
                assertEquals(1, loop.calls.get(), "one call on " + scratch.threads() + " threads");
                assertFalse(loop.helped());
                assertEquals(0, scratch.helpersStarted());
            }
        }
    }

    /**
     * As for products (GemmThreadsTest): a helper that has run a block and then loses its core (is held until the end
     * of the test) must not hold back the loop nor later loops and products; the caller runs what it did not claim.
     */
    @Test
    void aHelperThatLosesItsCoreDoesNotStallALoop() throws Exception {
        int extent = 94_080;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (GemmScratch two = new GemmScratch(2)) {
            two.loop(new CountingLoop(extent), 7, FLOATS, INTS, extent, 1, 16);
            two.afterEachHelperBlock(() -> {
                held.incrementAndGet();
                awaitQuietly(release);
            });
            for (int attempt = 0; attempt < 10_000 && held.get() == 0; attempt++) {
                Future<CountingLoop> run = caller.submit(() -> {
                    CountingLoop loop = new CountingLoop(extent);
                    two.loop(loop, 7, FLOATS, INTS, extent, 1, 16);
                    return loop;
                });
                try {
                    CountingLoop done = run.get(1, TimeUnit.MINUTES);
                    assertEquals(extent, Arrays.stream(done.runs).sum(), "loop " + attempt);
                } catch (TimeoutException e) {
                    fail("the caller waited for a helper that could not run, loop " + attempt);
                }
            }
            assertEquals(1, held.get(), "the helper ran a block, then lost its core");
            float[] c = new float[64 * 64];
            Future<CountingLoop> later = caller.submit(() -> {
                CountingLoop loop = new CountingLoop(extent);
                two.loop(loop, 7, FLOATS, INTS, extent, 1, 16);
                Gemm.nn(new float[64 * 64], new float[64 * 64], c, 64, 64, 64, null, 0, two);
                return loop;
            });
            assertEquals(extent, Arrays.stream(later.get(1, TimeUnit.MINUTES).runs).sum(), "a loop after");
        } finally {
            release.countDown();
            caller.shutdownNow();
        }
    }

    /**
     * Loops and products in turn, of different block counts: a helper waking late for one must not claim a block of
     * the next (the claim word carries the work's number). A caller that waits is caught after a minute.
     */
    @Test
    void loopsAndProductsInTurnNeverWait() throws Exception {
        Random random = new Random(3);
        int m = 96;
        int n = 64;
        int k = 128;
        float[] a = GemmReference.random(random, m * k);
        float[] b = GemmReference.random(random, k * n);
        float[] alone = new float[m * n];
        try (GemmScratch one = new GemmScratch()) {
            Gemm.nn(a, b, alone, m, n, k, null, 0, one);
        }
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (GemmScratch two = new GemmScratch(2)) {
            Future<?> run = caller.submit(() -> {
                float[] c = new float[m * n];
                for (int round = 0; round < 5_000; round++) {
                    int extent = round % 2 == 0 ? 20_000 : 9_000;
                    CountingLoop loop = new CountingLoop(extent);
                    two.loop(loop, 7, FLOATS, INTS, extent, 1, round % 2 == 0 ? 4 : 2);
                    assertEquals(extent, Arrays.stream(loop.runs).sum(), "loop " + round);
                    Gemm.nn(a, b, c, m, n, k, null, 0, two);
                    assertArrayEquals(alone, c, "product " + round);
                }
            });
            try {
                run.get(1, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                fail("the caller waited forever for a loop's or a product's blocks");
            }
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aBlockThatFailsOnAHelperFailsTheCaller() {
        try (GemmScratch two = new GemmScratch(2)) {
            IllegalStateException failure = new IllegalStateException("index 50000 out of range");
            Thread caller = Thread.currentThread();
            for (int attempt = 0; attempt < 10_000; attempt++) {
                AtomicInteger failed = new AtomicInteger();
                IllegalStateException thrown = null;
                try {
                    two.loop((loop, floats, ints, from, to) -> {
                        if (Thread.currentThread() != caller) {
                            failed.incrementAndGet();
                            throw failure;
                        }
                    }, 0, FLOATS, INTS, 94_080, 1, 16);
                } catch (IllegalStateException e) {
                    thrown = e;
                }
                if (failed.get() > 0) {
                    assertSame(failure, thrown, "the helper's failure reaches the caller");
                    return;
                }
                assertEquals(null, thrown, "no block failed");
            }
            fail("the helper never ran a block");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
