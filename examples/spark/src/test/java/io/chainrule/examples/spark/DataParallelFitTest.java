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
import io.chainrule.runtime.model.TrainingRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Adam at 0.01 with {@code schedule}, batches of 20 shuffled by {@code seed}. */
    private static FitOptions adam(LearningRateSchedule schedule, long seed) {
        return FitOptions.defaults().batchSize(20).optimizer(Adam.of(0.01)).schedule(schedule).seed(seed);
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
        FitOptions options = adam(new LearningRateSchedule.CosineAnnealing(3, 0), 5).epochs(3);
        try (Model alone = model(true); Model replica = model(true)) {
            alone.fit(train, null, options);
            onSpark(replica, train, null, options, 1, 3);
            assertSameBits(alone.parameters(), replica.parameters());
        }
    }

    /**
     * The file holds the averaged parameters and optimizer state as floats, the epoch and step counts go on, and a
     * replica's shuffling and schedule read the model's epoch and step: so a fit saved after E1 epochs and resumed for
     * E2 more computes what one fit of E1 + E2 epochs does, bit for bit.
     */
    @Test
    void savedAndResumedOnSparkEqualsOneRunBitForBit(@TempDir Path dir) throws IOException {
        Dataset train = blobs(200, 5);
        FitOptions options = adam(new LearningRateSchedule.CosineAnnealing(5, 0), 2);
        try (Model once = model(true); Model first = model(true)) {
            onSpark(once, train, null, options.epochs(5), 2, 3);
            onSpark(first, train, null, options.epochs(2), 2, 3);
            try (Model resumed = savedAndLoaded(first, dir)) {
                List<EpochRecord> epochs = onSpark(resumed, train, null, options.epochs(3), 2, 3);
                assertEquals(List.of(3, 4, 5), epochs.stream().map(EpochRecord::epoch).toList());
                assertSameBits(once.parameters(), resumed.parameters());
                assertFalse(once.optimizerState().isEmpty());
                assertSameBits(once.optimizerState(), resumed.optimizerState());
                assertEquals(once.trainingRecord(), resumed.trainingRecord());
            }
        }
    }

    /** The record of a fit on Spark says what was done: what one machine's fit would record, and how it was split. */
    @Test
    void theTrainingRecordSaysWhatTheReplicasDid(@TempDir Path dir) throws IOException {
        Dataset train = blobs(200, 5).describedAs("blobs");
        Dataset validation = blobs(60, 6);
        FitOptions options = adam(new LearningRateSchedule.CosineAnnealing(5, 0), 2).epochs(2);
        try (Model m = model(true)) {
            List<EpochRecord> epochs = onSpark(m, train, validation, options, 2, 3);
            TrainingRecord r = m.trainingRecord();
            // 100 examples a shard, 5 batches of 20 an epoch
            assertEquals(List.of("adam(lr=0.01, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0)",
                    "cosine(t_max=5, eta_min=0.0)", 2, 10L, 20, 2L,
                    "blobs, data-parallel: 2 workers on shards of it averaging every 3 steps"),
                    List.of(r.optimizer(), r.schedule(), r.epochs(), r.steps(), r.batchSize(), r.seed(), r.data()));
            assertEquals(String.valueOf(epochs.get(1).trainLoss()), r.metrics().get("train_loss"));
            assertEquals(String.valueOf(((ClassificationMetrics) epochs.get(1).validation()).accuracy()),
                    r.metrics().get("validation_accuracy"));
            try (Model loaded = savedAndLoaded(m, dir)) {
                assertEquals(r, loaded.trainingRecord());
            }
        }
    }

    /** One worker is one machine (above), so its saved state resumed on one machine is one machine's throughout. */
    @Test
    void oneWorkerResumedOnOneMachineIsOneMachineThroughout(@TempDir Path dir) throws IOException {
        Dataset train = blobs(200, 1);
        FitOptions options = adam(new LearningRateSchedule.CosineAnnealing(4, 0), 5);
        try (Model alone = model(true); Model replica = model(true)) {
            alone.fit(train, null, options.epochs(4));
            onSpark(replica, train, null, options.epochs(2), 1, 0);
            try (Model resumed = savedAndLoaded(replica, dir)) {
                resumed.fit(train, null, options.epochs(2));
                assertSameBits(alone.parameters(), resumed.parameters());
                assertSameBits(alone.optimizerState(), resumed.optimizerState());
                assertEquals(alone.trainingRecord().steps(), resumed.trainingRecord().steps());
            }
        }
    }

    /**
     * The other way, with a batch twice as large on Spark: 5 steps an epoch after 10, so the warm-up (30 steps) must
     * read the model's step count, not the epoch times this fit's steps per epoch.
     */
    @Test
    void aModelTrainedOnOneMachineGoesOnOnSparkAsOnOneMachine() {
        Dataset train = blobs(200, 1);
        FitOptions options = adam(LearningRateSchedule.parse("warmup:30"), 5).epochs(2);
        try (Model alone = model(true); Model then = model(true)) {
            alone.fit(train, null, options);
            alone.fit(train, null, options.batchSize(40));
            then.fit(train, null, options);
            onSpark(then, train, null, options.batchSize(40), 1, 0);
            assertSameBits(alone.parameters(), then.parameters());
            assertSameBits(alone.optimizerState(), then.optimizerState());
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
    void withTheNonFiniteCheckAReplicaNamesTheNodeAtFault() {
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(20).optimizer(Sgd.of(1e30)).seed(1)
                .checkFinite(true);
        try (Model m = model(false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> onSpark(m, blobs(80, 1), null, options, 2, 0));
            // either replica may be the one Spark reports; both overflow in the same layer
            assertTrue(e.getMessage().matches("data-parallel fit failed: replica [01]: loss is (NaN|Infinity) at "
                    + "epoch 1, batch \\d: first produced by %\\d+ matmul out \\(at model, layer 3 "
                    + "\\(linear out\\)\\): \\d+ of 60 elements NaN or infinite"), e.getMessage());
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

    /** {@code m} saved in {@code dir} and loaded again, as --save and --resume do. */
    private static Model savedAndLoaded(Model m, Path dir) throws IOException {
        Path file = dir.resolve(m.name() + ".safetensors");
        m.save(file);
        return Model.load(file);
    }

    private static void assertSameBits(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> assertArrayEquals(t.floats(), actual.get(name).floats(), name));
    }
}
