package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GemmThreadsTest {
    /**
     * m x n x k split over two and three threads: by rows and by columns, parts not a multiple of 8 rows, parts of just
     * 8 rows, overlapping tails.
     */
    private static final int[][] SHAPES = {{100, 120, 784}, {120, 84, 100}, {16, 9, 700}, {22, 17, 300}, {61, 33, 50},
        {24, 40, 400}, {27, 150, 300}};

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void moreThreadsGiveTheSameBitsAsOne(int threads) {
        Random random = new Random(7);
        try (GemmScratch one = new GemmScratch(); GemmScratch two = new GemmScratch(threads)) {
            assertEquals(threads, two.threads());
            for (boolean vector : Gemm.vectorKernelsRunnable() ? new boolean[] {true, false} : new boolean[] {false}) {
                for (int layout = 0; layout < 4; layout++) {
                    boolean transposeA = layout >= 2;
                    boolean transposeB = layout % 2 == 1;
                    for (int[] shape : SHAPES) {
                        int m = shape[0];
                        int n = shape[1];
                        int k = shape[2];
                        float[] a = GemmReference.random(random, m * k);
                        float[] b = GemmReference.random(random, k * n);
                        float[] bias = GemmReference.random(random, n);
                        float[] alone = GemmReference.random(random, m * n);
                        float[] split = alone.clone();
                        int epilogue = Gemm.RELU;
                        Gemm.multiply(vector, transposeA, transposeB, a, b, alone, m, n, k, bias, epilogue, one);
                        Gemm.multiply(vector, transposeA, transposeB, a, b, split, m, n, k, bias, epilogue, two);
                        assertArrayEquals(alone, split, (vector ? "vector " : "plain ") + layout + " " + m + "x" + n);
                        GemmReference.check(threads + " threads", transposeA, transposeB, a, b, split, m, n, k, bias,
                                epilogue);
                    }
                }
            }
        }
    }

    /**
     * The stall found under load: a helper that has run a block and then loses its core (here: is held until the end
     * of the test) must not hold back the product, whose other blocks the caller takes over, nor any later product.
     * The first products run until the helper has claimed a block; a caller that waits for the held helper is caught
     * after a minute.
     */
    @Test
    void aHelperThatLosesItsCoreDoesNotStallTheCaller() throws Exception {
        int m = 120;
        int n = 784;
        int k = 100;
        Random random = new Random(11);
        float[] a = GemmReference.random(random, m * k);
        float[] b = GemmReference.random(random, k * n);
        boolean vector = Gemm.vectorKernelsRunnable();
        float[] alone = new float[m * n];
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (GemmScratch one = new GemmScratch(); GemmScratch two = new GemmScratch(2)) {
            Gemm.multiply(vector, true, false, a, b, alone, m, n, k, null, 0, one);
            Gemm.multiply(vector, true, false, a, b, new float[m * n], m, n, k, null, 0, two);
            two.afterEachHelperBlock(() -> {
                held.incrementAndGet();
                awaitQuietly(release);
            });
            for (int product = 0; product < 10_000 && held.get() == 0; product++) {
                float[] split = new float[m * n];
                Future<?> run = caller.submit(() -> Gemm.multiply(vector, true, false, a, b, split, m, n, k, null, 0,
                        two));
                try {
                    run.get(1, TimeUnit.MINUTES);
                } catch (TimeoutException e) {
                    fail("the caller waited for a helper that could not run, product " + product);
                }
                assertArrayEquals(alone, split, "product " + product);
            }
            assertEquals(1, held.get(), "the helper ran a block, then lost its core");
            float[] later = new float[m * n];
            caller.submit(() -> Gemm.multiply(vector, true, false, a, b, later, m, n, k, null, 0, two))
                    .get(1, TimeUnit.MINUTES);
            assertArrayEquals(alone, later, "a product after the helper lost its core");
        } finally {
            release.countDown();
            caller.shutdownNow();
        }
    }

    /**
     * Products one after another whose block counts differ (2 or 4 column blocks, then 7 and 15 row blocks): a helper
     * waking late for the product before must not claim a block of the next one, which left a first version's caller
     * waiting forever for a count of finished blocks it had overshot. A caller that waits is caught after a minute.
     */
    @Test
    void productsOfDifferentBlockCountsInTurnNeverWait() throws Exception {
        Random random = new Random(5);
        boolean vector = Gemm.vectorKernelsRunnable();
        int[][] shapes = {{16, 96, 256}, {96, 32, 64}, {120, 40, 100}};
        float[][] as = new float[shapes.length][];
        float[][] bs = new float[shapes.length][];
        float[][] alone = new float[shapes.length][];
        try (GemmScratch one = new GemmScratch()) {
            for (int s = 0; s < shapes.length; s++) {
                int[] shape = shapes[s];
                as[s] = GemmReference.random(random, shape[0] * shape[2]);
                bs[s] = GemmReference.random(random, shape[2] * shape[1]);
                alone[s] = new float[shape[0] * shape[1]];
                Gemm.multiply(vector, false, true, as[s], bs[s], alone[s], shape[0], shape[1], shape[2], null, 0, one);
            }
        }
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (GemmScratch two = new GemmScratch(2)) {
            Future<?> run = caller.submit(() -> {
                float[][] split = new float[shapes.length][];
                for (int s = 0; s < shapes.length; s++) {
                    split[s] = new float[alone[s].length];
                }
                for (int product = 0; product < 30_000; product++) {
                    int s = product % shapes.length;
                    int[] shape = shapes[s];
                    Gemm.multiply(vector, false, true, as[s], bs[s], split[s], shape[0], shape[1], shape[2], null, 0,
                            two);
                    assertArrayEquals(alone[s], split[s], "product " + product);
                }
            });
            try {
                run.get(1, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                fail("the caller waited forever for a product's blocks");
            }
        } finally {
            caller.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void helpersStartWhenAProductFirstSplits() {
        try (GemmScratch scratch = new GemmScratch(2)) {
            Gemm.nn(new float[16 * 16], new float[16 * 16], new float[16 * 16], 16, 16, 16, null, 0, scratch);
            assertEquals(0, scratch.helpersStarted(), "a small product runs on the caller alone");
            Gemm.nn(new float[64 * 64], new float[64 * 64], new float[64 * 64], 64, 64, 64, null, 0, scratch);
            assertEquals(1, scratch.helpersStarted());
            scratch.close();
            assertEquals(0, scratch.helpersStarted());
        }
    }

    @Test
    void closingLeavesOneThreadThatStillComputes() {
        GemmScratch scratch = new GemmScratch(2);
        scratch.close();
        assertEquals(1, scratch.threads());
        float[] c = new float[64 * 64];
        Gemm.nn(new float[64 * 64], new float[64 * 64], c, 64, 64, 64, null, 0, scratch);
        assertEquals(0f, c[64 * 64 - 1]);
    }
}
