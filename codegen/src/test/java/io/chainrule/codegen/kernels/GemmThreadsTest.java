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
