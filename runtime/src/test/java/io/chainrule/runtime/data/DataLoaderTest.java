package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader.LastBatch;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** {@code n} examples of shape [1, 2, 2], example i holding 4 features 1000i + k and label i. */
    private static Dataset numbered(int n) {
        float[] x = new float[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000 * (i / 4) + i % 4;
        }
        return new Dataset(Tensor.of(x, n, 1, 2, 2), Tensor.of(IntStream.range(0, n).toArray(), n));
    }

    /** The labels (example indices) of every batch of one epoch, in order, checking each row's features. */
    private static int[] epoch(DataLoader loader, int epoch) {
        int[] seen = new int[0];
        for (int b = 0; b < loader.batches(); b++) {
            Tensor x = loader.newFeatures(b);
            Tensor y = loader.newLabels(b);
            loader.fill(epoch, b, x, y);
            for (int r = 0; r < loader.rows(b); r++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(1000 * y.ints()[r] + k, x.floats()[4 * r + k], "batch " + b + " row " + r);
                }
            }
            int at = seen.length;
            seen = Arrays.copyOf(seen, at + y.size());
            System.arraycopy(y.ints(), 0, seen, at, y.size());
        }
        return seen;
    }

    @Test
    void everyExampleOnceAnEpochWithASmallerLastBatch() {
        DataLoader loader = DataLoader.shuffled(numbered(10), 3, LastBatch.SMALLER, 1);
        assertEquals(4, loader.batches());
        assertEquals(3, loader.rows(0));
        assertEquals(1, loader.rows(3));
        assertEquals("f32[1,1,2,2]", loader.newFeatures(3).type().toString());
        assertEquals("i32[1]", loader.newLabels(3).type().toString());
        for (int e = 0; e < 5; e++) {
            int[] seen = epoch(loader, e);
            Arrays.sort(seen);
            assertArrayEquals(IntStream.range(0, 10).toArray(), seen, "epoch " + e);
        }
    }

    @Test
    void dropLeavesOutTheRemainderAndADifferentOneEachEpoch() {
        DataLoader loader = DataLoader.shuffled(numbered(10), 3, LastBatch.DROP, 1);
        assertEquals(3, loader.batches());
        assertEquals(3, loader.rows(2));
        Set<Integer> everLeftOut = new HashSet<>();
        for (int e = 0; e < 20; e++) {
            int[] seen = epoch(loader, e);
            assertEquals(9, IntStream.of(seen).distinct().count(), "epoch " + e);
            IntStream.range(0, 10).filter(i -> IntStream.of(seen).noneMatch(s -> s == i)).forEach(everLeftOut::add);
        }
        assertTrue(everLeftOut.size() > 3, "left out over 20 epochs: " + everLeftOut);
        assertEquals(3, DataLoader.shuffled(numbered(9), 3, LastBatch.SMALLER, 1).batches(), "nothing left over");
    }

    @Test
    void theSameSeedAndEpochGiveTheSameOrder() {
        DataLoader a = DataLoader.shuffled(numbered(100), 10, LastBatch.DROP, 42);
        DataLoader b = DataLoader.shuffled(numbered(100), 10, LastBatch.DROP, 42);
        int[] epoch3 = epoch(a, 3);
        epoch(a, 0);
        assertArrayEquals(epoch3, epoch(b, 3), "a fresh loader starting at epoch 3");
        assertArrayEquals(epoch3, epoch(a, 3), "epoch 3 again after another");
    }

    @Test
    void epochsAndSeedsGiveDifferentOrders() {
        DataLoader loader = DataLoader.shuffled(numbered(100), 10, LastBatch.DROP, 42);
        int[] first = epoch(loader, 0);
        assertFalse(Arrays.equals(first, epoch(loader, 1)), "epochs 0 and 1");
        assertFalse(Arrays.equals(first, IntStream.range(0, 100).toArray()), "shuffled at all");
        assertFalse(Arrays.equals(first, epoch(DataLoader.shuffled(numbered(100), 10, LastBatch.DROP, 43), 0)),
                "seeds 42 and 43");
        assertFalse(Arrays.equals(epoch(loader, 1),
                epoch(DataLoader.shuffled(numbered(100), 10, LastBatch.DROP, 43), 0)), "(42, 1) and (43, 0)");
    }

    @Test
    void inOrderIsTheDatasetOrderEveryEpoch() {
        DataLoader loader = DataLoader.inOrder(numbered(10), 4, LastBatch.SMALLER);
        assertArrayEquals(IntStream.range(0, 10).toArray(), epoch(loader, 0));
        assertArrayEquals(IntStream.range(0, 10).toArray(), epoch(loader, 7));
    }

    @Test
    void batchTensorsMustHaveTheBatchType() {
        DataLoader loader = DataLoader.shuffled(numbered(10), 3, LastBatch.SMALLER, 1);
        Tensor x = loader.newFeatures(0);
        Tensor y = loader.newLabels(0);
        assertEquals("batch 3 of 4: features must be f32[1,1,2,2], got f32[3,1,2,2]",
                assertThrows(IllegalArgumentException.class, () -> loader.fill(0, 3, x, y)).getMessage());
        Tensor flat = Tensor.of(new float[12], 3, 4);
        assertEquals("batch 0 of 4: features must be f32[3,1,2,2], got f32[3,4]",
                assertThrows(IllegalArgumentException.class, () -> loader.fill(0, 0, flat, y)).getMessage());
        assertEquals("batch 0 of 4: labels must be i32[3], got f32[3,1,2,2]",
                assertThrows(IllegalArgumentException.class, () -> loader.fill(0, 0, x, x)).getMessage());
        assertEquals("batch 4 of 4",
                assertThrows(IndexOutOfBoundsException.class, () -> loader.fill(0, 4, x, y)).getMessage());
        assertEquals("epoch must be non-negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> loader.fill(-1, 0, x, y)).getMessage());
        assertEquals("batch size must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> DataLoader.inOrder(numbered(10), 0, LastBatch.DROP)).getMessage());
    }

    @Test
    void fillAllocatesNothing() {
        DataLoader loader = DataLoader.shuffled(mnistSized(1000), 100, LastBatch.DROP, 7);
        Tensor x = loader.newFeatures(0);
        Tensor y = loader.newLabels(0);
        for (int round = 0; round < 200; round++) {
            for (int b = 0; b < loader.batches(); b++) {
                loader.fill(round % 2, b, x, y);
            }
        }
        loader.fill(2, 0, x, y);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // code the JIT has not compiled yet may allocate what compiled code does not: one clean round, within a limit
        long fewest = Long.MAX_VALUE;
        for (long start = System.nanoTime(); fewest > 0 && System.nanoTime() - start < 20_000_000_000L; ) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int round = 0; round < 100; round++) {
                for (int b = 0; b < loader.batches(); b++) {
                    loader.fill(2, b, x, y);
                }
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, fewest, "bytes allocated by 1000 fills, the fewest in any round");
    }

    private static Dataset mnistSized(int n) {
        return new Dataset(Tensor.of(new float[n * 784], n, 1, 28, 28), Tensor.of(new int[n], n));
    }
}
