package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MNIST, found through {@link DataLocation}, against the sanity figures in the data README. */
class MnistTest {
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Path dir;
        try {
            dir = DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES);
        } catch (DataNotFoundException e) {
            assumeTrue(false, "real MNIST is not available, so its tests are skipped: " + e.getMessage());
            return;
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        train = Mnist.train(dir);
        test = Mnist.test(dir);
        System.out.printf("MNIST train and test loaded from %s in %d ms, allocating %d MiB%n", dir,
                (System.nanoTime() - start) / 1_000_000, (threads.getCurrentThreadAllocatedBytes() - allocated) >> 20);
    }

    @Test
    void countsAndShapes() {
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals("f32[60000,1,28,28]", train.features().type().toString());
        assertEquals("i32[60000]", train.labels().type().toString());
        assertEquals("f32[10000,1,28,28]", test.features().type().toString());
        assertEquals("i32[10000]", test.labels().type().toString());
    }

    @Test
    void firstTenLabels() {
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(train.labels().ints(), 10));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(test.labels().ints(), 10));
    }

    @Test
    void labelCounts() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(train));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(test));
    }

    @Test
    void trainingPixelsHaveTheUsualMeanAndStd() {
        double[] meanStd = meanStd(train.features().floats());
        assertEquals(0.1307, meanStd[0], 0.00005);
        assertEquals(0.3081, meanStd[1], 0.00005);
    }

    @Test
    void normalizedTrainingPixelsHaveMeanZeroAndStdOne() {
        double[] meanStd = meanStd(train.normalized(Mnist.MEAN, Mnist.STD).features().floats());
        assertEquals(0, meanStd[0], 0.0005);
        assertEquals(1, meanStd[1], 0.0005);
    }

    private static int[] counts(Dataset d) {
        int[] counts = new int[10];
        for (int label : d.labels().ints()) {
            counts[label]++;
        }
        return counts;
    }

    private static double[] meanStd(float[] values) {
        double sum = 0;
        double sumSquares = 0;
        for (float v : values) {
            sum += v;
            sumSquares += (double) v * v;
        }
        double mean = sum / values.length;
        return new double[] {mean, Math.sqrt(sumSquares / values.length - mean * mean)};
    }
}
