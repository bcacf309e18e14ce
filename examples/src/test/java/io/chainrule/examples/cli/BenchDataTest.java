package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --data}: the step timed on shuffled MNIST batches, fed as train feeds them. */
class BenchDataTest {
    @TempDir
    Path tmp;

    @Test
    void benchOnMnistBatchesSaysSoAndTimesBothBackends() throws IOException {
        Path dir = SyntheticMnist.write(tmp.resolve("mnist"), 250, 10);
        CliRun r = CliRun.of("bench", "mnist-linear", "--data", dir.toString(), "--seconds", "0.1");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains("\ndata: shuffled MNIST training batches, refilled before every step (timed with "
                + "it)\ncompiled: "), r.out());
        assertTrue(r.out().matches("(?s).*\\ninterpreted: +[0-9.]+ ms/step .*\\nspeedup compiled/interpreted: .*"),
                r.out());
    }

    @Test
    void withoutDataTheBatchIsRandomAndSaysSo() {
        CliRun r = CliRun.of("bench", "sin-mlp", "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains("\ndata: one random batch, the same every step\n"), r.out());
    }

    @Test
    void aModelThatDoesNotTakeImagesIsAUsageError() throws IOException {
        Path dir = SyntheticMnist.write(tmp.resolve("mnist"), 250, 10);
        CliRun r = CliRun.of("bench", "sin-mlp", "--data", dir.toString());
        assertEquals(2, r.exitCode(), r.both());
        assertEquals("chainrule bench: --data feeds MNIST's 28x28 images and labels; model sin-mlp takes "
                + "x f32[64,1], y f32[64,1]", r.firstErrorLine());
    }

    @Test
    void fewerImagesThanOneBatchAreRefused() throws IOException {
        Path dir = SyntheticMnist.write(tmp.resolve("mnist"), 50, 10);
        CliRun r = CliRun.of("bench", "mnist-linear", "--data", dir.toString());
        assertEquals(1, r.exitCode(), r.both());
        assertEquals("chainrule bench: MNIST in " + dir + " has 50 training images, fewer than one batch of 100",
                r.firstErrorLine());
    }

    /** Every step gets the loader's next batch, and after the last the next epoch's (another order). */
    @Test
    void batchesFollowTheLoaderAcrossEpochs() throws IOException {
        Dataset images = Mnist.train(SyntheticMnist.write(tmp.resolve("mnist"), 30, 10));
        Tensor x = Tensor.zeros(TensorType.of(DType.F32, 10, 1, 28, 28));
        Tensor y = Tensor.zeros(TensorType.of(DType.I32, 10));
        ShuffledBatches batches = new ShuffledBatches(images, 10, 7, x, y);
        DataLoader same = DataLoader.shuffled(images, 10, DataLoader.LastBatch.DROP, 7);
        Tensor ex = Tensor.zeros(x.type());
        Tensor ey = Tensor.zeros(y.type());
        float[] firstEpoch = null;
        for (int step = 0; step < 6; step++) {
            batches.next();
            same.fill(step / 3, step % 3, ex, ey);
            assertArrayEquals(ex.floats(), x.floats(), "step " + step);
            assertArrayEquals(ey.ints(), y.ints(), "step " + step);
            if (step == 0) {
                firstEpoch = x.floats().clone();
            }
            if (step == 3) {
                assertFalse(Arrays.equals(firstEpoch, x.floats()), "a new order in the second epoch");
            }
        }
    }
}
