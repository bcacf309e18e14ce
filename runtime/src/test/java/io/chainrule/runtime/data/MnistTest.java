package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real MNIST, found through {@link DataLocation}, against the sanity figures in the data README. */
class MnistTest {
    private static Dataset train;
    private static Dataset test;
    private static long loadingAllocated;

    @BeforeAll
    static void load() throws IOException {
        // missing data fails here with the lookup's message (where it looked, how to fetch it), never a skip
        Path dir = DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        train = Mnist.train(dir);
        test = Mnist.test(dir);
        loadingAllocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        System.out.printf("MNIST train and test loaded from %s in %d ms, allocating %d MiB%n", dir,
                (System.nanoTime() - start) / 1_000_000, loadingAllocated >> 20);
    }

    @Test
    void theImagesAreHeldAsTheirBytes() {
        // 70,000 images of 784 bytes are 52 MiB; as f32 they were 209 MiB, and gzip's staging 52 MiB more
        assertTrue(loadingAllocated < 60 << 20, (loadingAllocated >> 20) + " MiB allocated");
    }

    @Test
    void countsAndShapes() {
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(Shape.of(1, 28, 28), train.exampleShape());
        assertEquals(Shape.of(1, 28, 28), test.exampleShape());
        assertEquals(TargetKind.LABELS, train.targetKind());
        assertEquals(10, train.classes());
        assertEquals(10, test.classes());
    }

    @Test
    void firstTenLabels() {
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, train.rows(0, 10).targetTensor().ints());
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, test.rows(0, 10).targetTensor().ints());
    }

    @Test
    void labelCounts() {
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, counts(train));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts(test));
    }

    @Test
    void trainingPixelsHaveTheUsualMeanAndStd() {
        double[] meanStd = meanStd(train);
        assertEquals(0.1307, meanStd[0], 0.00005);
        assertEquals(0.3081, meanStd[1], 0.00005);
    }

    @Test
    void normalizedTrainingPixelsHaveMeanZeroAndStdOne() {
        double[] meanStd = meanStd(train.normalized(Mnist.MEAN, Mnist.STD));
        assertEquals(0, meanStd[0], 0.0005);
        assertEquals(1, meanStd[1], 0.0005);
    }

    private static int[] counts(Dataset d) {
        int[] counts = new int[10];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    /** Mean and standard deviation of every pixel of every image. */
    private static double[] meanStd(Dataset d) {
        double sum = 0;
        double sumSquares = 0;
        float[] image = new float[d.featureCount()];
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, image, 0);
            for (float v : image) {
                sum += v;
                sumSquares += (double) v * v;
            }
        }
        long n = (long) d.size() * image.length;
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(sumSquares / n - mean * mean)};
    }
}
