package io.chainrule.examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Sgd;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataParallelFitTest {
    /** Three Gaussian blobs in 4 dimensions: {@code n} examples, labels 0, 1, 2 in turn. */
    private static Dataset blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) (random.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        return Dataset.classification(x, y);
    }

    private static Model model(boolean standardized) {
        return Model.builder(new Sequential(new Linear("fc1", 4, 16), Activation.RELU, new Linear("out", 16, 3)))
                .input(4).standardized(standardized).seed(7).build();
    }

    private static List<EpochRecord> onSpark(Model m, Dataset train, Dataset validation, FitOptions options,
            int workers, int syncEvery) {
        return DataParallelFit.run(SharedSpark.context(), m, train, validation, options, workers, syncEvery,
                List.of());
    }

    /** Rounds of 3 steps cut the epochs of 10 steps, and the schedule reads the step count: the same bits still. */
    @Test
    void oneWorkerGivesExactlyTheParametersOfSingleMachineTraining() {
        Dataset train = blobs(200, 1);
        FitOptions options = FitOptions.defaults().epochs(3).batchSize(20).optimizer(Adam.of(0.01))
                .schedule(new LearningRateSchedule.CosineAnnealing(3, 0)).seed(5);
        try (Model alone = model(true); Model replica = model(true)) {
            alone.fit(train, null, options);
            onSpark(replica, train, null, options, 1, 3);
            assertSameBits(alone.parameters(), replica.parameters());
        }
    }

    /**
     * With plain SGD the average of K replicas' steps from the same parameters is one step on the mean of their
     * gradients, which is the gradient of their K x B examples together (DL4J's check). Each shard here is one batch,
     * so the single machine's batch of K x B is the whole training set whatever its order.
     */
    @Test
    void averagingEveryStepOverKEqualShardsIsSgdAtKTimesTheBatch() {
        int workers = 3;
        int batch = 40;
        Dataset train = blobs(workers * batch, 2);
        FitOptions options = FitOptions.defaults().epochs(6).optimizer(Sgd.of(0.5)).seed(3);
        try (Model alone = model(false); Model replicas = model(false)) {
            alone.fit(train, null, options.batchSize(workers * batch));
            onSpark(replicas, train, null, options.batchSize(batch), workers, 1);
            alone.parameters().forEach((name, t) -> {
                float[] a = t.floats();
                float[] b = replicas.parameters().get(name).floats();
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < a.length; i++) {
                    scale = Math.max(scale, Math.abs(a[i]));
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                assertTrue(worst <= 1e-5 * scale, name + ": differs by " + worst + " of " + scale);
            });
            try (Model untrained = model(false)) {
                float[] before = untrained.parameters().get("fc1.weight").floats();
                assertFalse(Arrays.equals(before, replicas.parameters().get("fc1.weight").floats()));
            }
        }
    }

    @Test
    void twoWorkersAveragingEveryEpochLearnAsOneMachineDoes() {
        Dataset train = blobs(600, 3);
        Dataset validation = blobs(300, 4);
        FitOptions options = FitOptions.defaults().epochs(5).batchSize(20).optimizer(Adam.of(0.01)).seed(1);
        try (Model alone = model(true); Model replicas = model(true)) {
            alone.fit(train, null, options);
            List<EpochRecord> epochs = onSpark(replicas, train, validation, options, 2, 0);
            assertEquals(List.of(1, 2, 3, 4, 5), epochs.stream().map(EpochRecord::epoch).toList());
            double single = ((ClassificationMetrics) alone.evaluate(validation)).accuracy();
            double averaged = ((ClassificationMetrics) epochs.get(4).validation()).accuracy();
            assertTrue(single > 0.8 && Math.abs(single - averaged) <= 0.03, single + " alone, " + averaged
                    + " averaged");
        }
    }

    @Test
    void aReplicaWhoseLossOverflowsFailsTheFitNamingIt() {
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(20).optimizer(Sgd.of(1e30)).seed(1);
        try (Model m = model(false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> onSpark(m, blobs(80, 1), null, options, 2, 0));
            assertTrue(e.getMessage().matches("data-parallel fit failed: replica [01]: loss is (NaN|Infinity) at "
                    + "epoch 1, batch \\d"), e.getMessage());
        }
    }

    @Test
    void optionsThatCannotWorkOnSparkAreRefusedByName() {
        try (Model m = model(false)) {
            Dataset train = blobs(60, 1);
            FitOptions options = FitOptions.defaults().batchSize(20);
            assertEquals("each of 4 shards of the 60 training examples holds 15, fewer than one batch of 20: nothing "
                    + "to train on", assertThrows(IllegalArgumentException.class,
                    () -> DataParallelFit.run(null, m, train, null, options, 4, 0, List.of())).getMessage());
            assertEquals("early stopping (patience 2) is not supported on Spark: give --patience 0",
                    assertThrows(IllegalArgumentException.class, () -> DataParallelFit.run(null, m, train, train,
                            options.patience(2), 2, 0, List.of())).getMessage());
        }
    }

    private static void assertSameBits(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> assertArrayEquals(t.floats(), actual.get(name).floats(), name));
    }
}
