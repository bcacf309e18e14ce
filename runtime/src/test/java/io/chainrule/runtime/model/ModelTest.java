package io.chainrule.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Sgd;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Model API on the interpreter: fit, evaluate, predict, save, load and resume. */
class ModelTest {
    @TempDir
    Path tmp;

    /** Three gaussian blobs in 2-D, one per class: learnable by a small MLP, not perfectly by chance. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            x[i][0] = (float) (Math.cos(2 * Math.PI * y[i] / 3) * 2 + rng.nextGaussian() * 0.5);
            x[i][1] = (float) (Math.sin(2 * Math.PI * y[i] / 3) * 2 + rng.nextGaussian() * 0.5);
        }
        return Dataset.classification(x, y).describedAs("blobs");
    }

    static final Sequential MLP = new Sequential(new Linear("hidden", 2, 16), Activation.TANH,
            new Linear("out", 16, 3));

    private static Model classifier(Layer network) {
        return Model.builder(network).name("blobs_mlp").input(2).seed(1).backend(new Interpreter()).build();
    }

    private static final FitOptions FAST = FitOptions.defaults().epochs(4).batchSize(20).optimizer(Adam.of(0.01))
            .seed(3);

    @Test
    void fitLowersTheLossAndPredictAgreesWithEvaluate() {
        Dataset train = blobs(300, 9);
        Dataset test = blobs(200, 10);
        try (Model model = classifier(MLP)) {
            ClassificationMetrics before = (ClassificationMetrics) model.evaluate(test);
            History h = model.fit(train, test, FAST);
            ClassificationMetrics after = (ClassificationMetrics) model.evaluate(test);
            assertEquals(4, h.epochs().size());
            assertTrue(after.loss() < before.loss() / 2, before.loss() + " -> " + after.loss());
            assertTrue(after.accuracy() > 0.9, "accuracy " + after.accuracy());
            assertEquals(200, after.examples());
            Predictions p = model.predict(test);
            long correct = 0;
            for (int i = 0; i < test.size(); i++) {
                correct += p.predictedClass(i) == test.label(i) ? 1 : 0;
                float sum = 0;
                for (float q : p.probabilities(i)) {
                    sum += q;
                }
                assertEquals(1, sum, 1e-5);
            }
            assertEquals(after.accuracy(), correct / 200.0);
            assertEquals(p.predictedClass(7), model.predict(test.features(7)).predictedClass(0));
            assertEquals(4, model.trainingRecord().epochs());
            assertEquals(4 * (300 / 20), model.trainingRecord().steps());
        }
    }

    @Test
    void savedAndLoadedModelsPredictTheSameBits() throws IOException {
        Dataset train = blobs(120, 1);
        Path file = tmp.resolve("blobs.safetensors");
        try (Model model = classifier(MLP)) {
            model.fit(train, null, FAST);
            model.save(file);
            try (Model loaded = Model.load(file, new Interpreter())) {
                assertArrayEquals(model.predict(train).outputs().floats(), loaded.predict(train).outputs().floats());
                assertEquals(model.trainingRecord(), loaded.trainingRecord());
                assertEquals("blobs", loaded.trainingRecord().data());
                assertEquals(model.optimizerState().keySet(), loaded.optimizerState().keySet());
            }
        }
    }

    @Test
    void twoEpochsSavedAndResumedForTwoMoreEqualFourInOneRun() throws IOException {
        Dataset train = blobs(200, 4);
        List<Double> straight;
        try (Model model = classifier(MLP)) {
            straight = model.fit(train, null, FAST.epochs(4)).epochs().stream().map(EpochRecord::trainLoss).toList();
        }
        Path file = tmp.resolve("half.safetensors");
        List<Double> first;
        try (Model model = classifier(MLP)) {
            first = model.fit(train, null, FAST.epochs(2)).epochs().stream().map(EpochRecord::trainLoss).toList();
            model.save(file);
        }
        try (Model resumed = Model.load(file, new Interpreter())) {
            History rest = resumed.fit(train, null, FAST.epochs(2).optimizer(null));
            assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochRecord::epoch).toList());
            assertEquals(straight.subList(0, 2), first);
            assertEquals(straight.subList(2, 4), rest.epochs().stream().map(EpochRecord::trainLoss).toList());
        }
    }

    @Test
    void aTrainingCheckpointLoadsIntoAModelUsedOnlyToPredict() throws IOException {
        Dataset train = blobs(100, 2);
        Path file = tmp.resolve("trained.safetensors");
        Layer lambda = x -> new Linear("out", 16, 3).apply(new Linear("hidden", 2, 16).apply(x).tanh());
        try (Model model = classifier(lambda)) {
            model.fit(train, null, FAST.epochs(1));
            model.save(file);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(file));
            assertTrue(e.getMessage().contains("was saved from a network defined in code (a lambda)"), e.getMessage());
            try (Model fresh = classifier(lambda)) {
                assertNotEquals(model.parameters().get("out.bias").getDouble(0),
                        fresh.parameters().get("out.bias").getDouble(0));
                fresh.loadWeights(file);
                assertArrayEquals(model.predict(train).outputs().floats(), fresh.predict(train).outputs().floats());
            }
        }
    }

    @Test
    void aCheckpointOfAnotherNetworkChangesNothing() throws IOException {
        Path file = tmp.resolve("other.safetensors");
        try (Model other = classifier(new Sequential(new Linear("hidden", 2, 8), Activation.TANH,
                new Linear("out", 8, 3)))) {
            other.save(file);
        }
        try (Model model = classifier(MLP)) {
            float[] before = model.parameters().get("hidden.weight").floats().clone();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadWeights(file));
            assertEquals(file + ": tensor hidden.weight: the file has f32[8,2], the model has f32[16,2] (and 2 more "
                    + "problems)", e.getMessage());
            assertArrayEquals(before, model.parameters().get("hidden.weight").floats());
        }
    }

    @Test
    void regressionReportsMseMaeAndR2() {
        float[][] x = new float[64][1];
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i][0] = i / 64f;
            y[i] = 3 * x[i][0] - 1;
        }
        Dataset line = Dataset.regression(x, y).describedAs("line");
        try (Model model = Model.builder(new Linear("fit", 1, 1)).name("line").input(1)
                .task(Task.REGRESSION).backend(new Interpreter()).build()) {
            RegressionMetrics before = (RegressionMetrics) model.evaluate(line);
            model.fit(line, null, FitOptions.defaults().epochs(200).batchSize(16).optimizer(Sgd.of(0.5)));
            RegressionMetrics after = (RegressionMetrics) model.evaluate(line);
            assertTrue(after.mse() < 1e-6 && after.mse() < before.mse(), before + " -> " + after);
            assertEquals(after.loss(), after.mse(), 1e-7);
            assertTrue(after.r2() > 0.9999, "r2 " + after.r2());
            assertTrue(after.mae() < 1e-3, "mae " + after.mae());
            assertEquals(2.0f, model.predict(new float[] {1}).outputs(0)[0], 1e-3f);
        }
    }

    @Test
    void standardizationIsFittedOnTheTrainingSetAndSavedWithTheModel() throws IOException {
        float[][] x = {{1, 100}, {3, 300}, {5, 500}, {7, 700}};
        Dataset d = Dataset.classification(x, new int[] {0, 1, 0, 1});
        Path file = tmp.resolve("standardized.safetensors");
        try (Model model = Model.builder(new Linear("out", 2, 2)).input(2).standardized(true)
                .backend(new Interpreter()).build()) {
            model.fit(d, null, FitOptions.defaults().epochs(1).batchSize(2));
            assertArrayEquals(new float[] {4, 400}, model.parameters().get("input.mean").floats());
            float std = (float) Math.sqrt(5);
            assertArrayEquals(new float[] {std, 100 * std}, model.parameters().get("input.std").floats(), 1e-4f);
            model.save(file);
            try (Model loaded = Model.load(file, new Interpreter())) {
                assertTrue(loaded.standardized());
                assertArrayEquals(model.predict(d).outputs().floats(), loaded.predict(d).outputs().floats());
            }
        }
    }

    @Test
    void dataThatDoesNotFitTheModelIsRefusedByName() {
        try (Model model = classifier(MLP)) {
            Dataset wide = Dataset.classification(new float[][] {{1, 2, 3}}, new int[] {0}).describedAs("wide.csv");
            assertEquals("cannot fit model blobs_mlp on wide.csv: the model takes examples shaped [2], the data has "
                    + "[3]", assertThrows(IllegalArgumentException.class,
                            () -> model.fit(wide, null, FAST)).getMessage());
            Dataset values = Dataset.regression(new float[][] {{1, 2}}, new float[] {0}).describedAs("values.csv");
            assertEquals("cannot evaluate model blobs_mlp on values.csv: a classifier needs class labels, the data has "
                    + "real-valued targets", assertThrows(IllegalArgumentException.class,
                            () -> model.evaluate(values)).getMessage());
            Dataset many = Dataset.classification(new float[][] {{1, 2}}, new int[] {5}).describedAs("many.csv");
            assertEquals("cannot fit model blobs_mlp on many.csv: the data has 6 classes, the network outputs 3 "
                    + "scores", assertThrows(IllegalArgumentException.class,
                            () -> model.fit(many, null, FAST)).getMessage());
            assertEquals("model blobs_mlp predicts from f32 [n, 2] with n >= 1, got f32[4,3]",
                    assertThrows(IllegalArgumentException.class,
                            () -> model.predict(Tensor.of(new float[12], 4, 3))).getMessage());
        }
    }

    @Test
    void listenersHearEveryBatchAndEpochAndTheCsvHistoryIsWritten() throws IOException {
        Path csv = tmp.resolve("history.csv");
        HistoryCsv history = new HistoryCsv(csv);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int[] batches = new int[1];
        try (Model model = classifier(MLP)) {
            model.fit(blobs(100, 5), blobs(40, 6), FAST.epochs(2), new ProgressBar(new PrintStream(log), false),
                    history, new TrainingListener() {
                        @Override
                        public void batchEnded(BatchProgress p) {
                            batches[0]++;
                        }
                    });
        }
        assertEquals(2 * 5, batches[0]);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,train_loss,validation_loss,validation_accuracy,learning_rate,seconds,examples_per_second",
                lines.get(0));
        assertEquals(3, lines.size());
        String text = log.toString();
        assertTrue(text.matches("(?s)epoch 1/2: train loss \\d\\.\\d{4}, validation loss \\d\\.\\d{4}, accuracy "
                + "\\d\\.\\d{4}, (\\d+ ms|\\d+\\.\\d s), \\d+ examples/s\nepoch 2/2: .*"), text);
    }

    @Test
    void aNetworkMayBeALambda() {
        Layer network = x -> x.matmul(x.builder().parameter("w", new io.chainrule.ir.Initializer.Fill(1), 2, 3));
        try (Model model = classifier(network)) {
            assertEquals(3, model.outputWidth());
            assertEquals(6, model.parameterCount());
        }
    }
}
