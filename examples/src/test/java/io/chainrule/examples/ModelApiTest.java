package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import io.chainrule.runtime.model.RegressionMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Model API as a user meets it, on the compiled backend and real data. */
class ModelApiTest {
    @TempDir
    Path tmp;

    private static Dataset mnistTrain;
    private static Dataset mnistTest;

    @BeforeAll
    static void readMnist() throws IOException {
        Path dir = DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES);
        mnistTrain = Mnist.train(dir);
        mnistTest = Mnist.test(dir);
    }

    @Test
    void theDefaultBackendIsTheCompiledOne() {
        assertEquals(CompiledBackend.class, Backends.preferred().getClass());
    }

    /** The README's example: a small MLP on scikit-learn's wine data, standardized, to the accuracy such nets reach. */
    @Test
    void aClassifierTrainsOnACsvInAFewLines() throws IOException {
        Dataset wine = Csv.read(DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "wine_data.csv"), Csv.options());
        Dataset.Split split = wine.split(0.25, 1);
        try (Model model = Model.builder(new Sequential(new Linear("fc1", 13, 32), Activation.RELU,
                new Linear("out", 32, 3))).input(13).standardized(true).seed(1).build()) {
            model.fit(split.train(), null, FitOptions.defaults().epochs(60).batchSize(16).optimizer(Adam.of(0.01)));
            ClassificationMetrics m = (ClassificationMetrics) model.evaluate(split.validation());
            assertTrue(m.accuracy() >= 0.93, m.summary() + "\n" + m.confusionTable());
            assertEquals(List.of("class_0", "class_1", "class_2"), wine.classNames());
        }
    }

    /** The lesson's challenge target: sin(10x) on [0, 1] by the 1-32-32-1 tanh MLP, through the same fit. */
    @Test
    void aRegressionTrainsThroughTheSameFit() {
        int n = 1024;
        float[][] x = new float[n][1];
        float[] y = new float[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i][0] = (i + 0.5f) / n;
            y[i] = (float) Math.sin(10 * x[i][0]);
            mean += y[i] / n;
        }
        double constantMse = 0;
        for (float v : y) {
            constantMse += (v - mean) * (v - mean) / n;
        }
        Dataset sin = Dataset.regression(x, y).describedAs("sin(10x)");
        try (Model model = Model.builder(Models.find("sin-mlp").orElseThrow().trainable().orElseThrow()).seed(1)
                .build()) {
            model.fit(sin, null, FitOptions.defaults().epochs(300).batchSize(64).optimizer(Adam.of(0.01)));
            RegressionMetrics m = (RegressionMetrics) model.evaluate(sin);
            assertTrue(m.mse() <= 0.01 * constantMse, m.summary() + " against the constant's mse " + constantMse);
        }
    }

    @Test
    void predictAgreesWithEvaluateAndSurvivesSaveAndLoadBitForBit() throws IOException {
        Path file = tmp.resolve("mnist-linear.safetensors");
        try (Model model = Model.builder(Models.find("mnist-linear").orElseThrow().trainable().orElseThrow())
                .seed(1).build()) {
            model.fit(mnistTrain, null, FitOptions.defaults().epochs(1).batchSize(100).seed(1));
            ClassificationMetrics evaluated = (ClassificationMetrics) model.evaluate(mnistTest);
            Predictions p = model.predict(mnistTest);
            long correct = 0;
            for (int i = 0; i < mnistTest.size(); i++) {
                correct += p.predictedClass(i) == mnistTest.label(i) ? 1 : 0;
            }
            assertEquals(evaluated.accuracy(), correct / (double) mnistTest.size());
            assertTrue(evaluated.accuracy() > 0.9, evaluated.summary());
            assertEquals(p.predictedClass(17), model.predict(mnistTest.features(17)).predictedClass(0));
            model.save(file);
            try (Model loaded = Model.load(file)) {
                assertArrayEquals(p.outputs().floats(), loaded.predict(mnistTest).outputs().floats());
                assertArrayEquals(p.probabilities().floats(), loaded.predict(mnistTest).probabilities().floats());
            }
            // the file is a training checkpoint (Adam's moments and step count too): it loads into a model built in
            // code that is only asked to predict
            try (Model forPredicting = Model.builder(new Sequential(new io.chainrule.ir.nn.Flatten(),
                    new Linear("fc", 784, 10))).name("mnist_linear").input(1, 28, 28).build()) {
                forPredicting.loadWeights(file);
                assertArrayEquals(p.outputs().floats(), forPredicting.predict(mnistTest).outputs().floats());
            }
        }
    }

    @Test
    void twoEpochsSavedAndResumedForTwoMoreGiveTheLossesOfFourInOneRun() throws IOException {
        Dataset train = mnistTrain.rows(0, 6000);
        FitOptions options = FitOptions.defaults().batchSize(100).seed(3);
        ModelSpec mlp = Models.find("mnist-mlp").orElseThrow();
        List<Double> straight;
        try (Model model = Model.builder(mlp.trainable().orElseThrow()).seed(2).build()) {
            straight = losses(model.fit(train, null, options.epochs(4)).epochs());
        }
        Path file = tmp.resolve("half.safetensors");
        try (Model model = Model.builder(mlp.trainable().orElseThrow()).seed(2).build()) {
            assertEquals(straight.subList(0, 2), losses(model.fit(train, null, options.epochs(2)).epochs()));
            model.save(file);
        }
        try (Model resumed = Model.load(file)) {
            assertEquals(straight.subList(2, 4), losses(resumed.fit(train, null, options.epochs(2)).epochs()));
            assertEquals(4, resumed.trainingRecord().epochs());
            assertEquals(4 * 60, resumed.trainingRecord().steps());
        }
    }

    private static List<Double> losses(List<EpochRecord> epochs) {
        return epochs.stream().map(EpochRecord::trainLoss).toList();
    }
}
