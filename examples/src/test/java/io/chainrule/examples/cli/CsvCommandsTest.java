package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import io.chainrule.runtime.model.RegressionMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, eval and predict on CSV files, iris first (found through the data lookup), as a user runs them. */
class CsvCommandsTest {
    @TempDir
    Path tmp;

    private static Path iris;

    @BeforeAll
    static void findIris() throws IOException {
        iris = DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "iris.csv");
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.both());
        assertEquals("", r.err());
        return r;
    }

    @Test
    void irisTrainsEvaluatesAndPredictsThroughTheCommandLine() throws IOException {
        Path model = tmp.resolve("iris.safetensors");
        CliRun trained = ok("train", "mlp", "--csv", iris.toString(), "--hidden", "16", "--lr", "0.01", "--epochs",
                "60", "--save", model.toString());
        assertTrue(trained.out().startsWith("mlp 4-16-3 relu on iris.csv: 120 training, 30 validation rows (3 "
                + "classes, standardized); adam(lr=0.01, "), trained.out());
        double accuracy = Double.parseDouble(trained.value("validation accuracy"));
        assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);

        Dataset all = Csv.read(iris, Csv.options());
        // the held-out rows: shuffled with the seed (1 by default), then the last fifth
        Dataset validation = all.shuffled(1).holdOutLast(30).validation();
        try (Model loaded = Model.load(model)) {
            ClassificationMetrics onValidation = (ClassificationMetrics) loaded.evaluate(validation);
            assertEquals(String.format(Locale.ROOT, "%.4f", onValidation.accuracy()),
                    trained.value("validation accuracy"));

            CliRun eval = ok("eval", model.toString(), "--csv", iris.toString());
            ClassificationMetrics onAll = (ClassificationMetrics) loaded.evaluate(all);
            assertEquals(String.format(Locale.ROOT, "%.4f", onAll.accuracy()), eval.value("accuracy"));
            assertEquals(String.format(Locale.ROOT, "%.4f", onAll.loss()), eval.value("loss"));
            assertTrue(eval.out().contains("confusion matrix (rows: label, columns: predicted):\n"
                    + onAll.confusionTable()), eval.out());

            Path out = tmp.resolve("predictions.csv");
            CliRun predicted = ok("predict", model.toString(), "--csv", iris.toString(), "--out", out.toString());
            assertEquals("wrote 150 predictions to " + out + System.lineSeparator(), predicted.out());
            List<String> lines = Files.readAllLines(out);
            Predictions expected = loaded.predict(all);
            assertEquals(151, lines.size());
            assertEquals("class", lines.get(0));
            for (int i = 0; i < all.size(); i++) {
                assertEquals(String.valueOf(expected.predictedClass(i)), lines.get(i + 1), "row " + i);
            }
        }
    }

    @Test
    void predictionsFromRowsWithoutTheTargetColumnAreTheSame() throws IOException {
        Path model = tmp.resolve("iris.safetensors");
        ok("train", "mlp", "--csv", iris.toString(), "--hidden", "8", "--epochs", "2", "--save", model.toString());
        Path withTarget = tmp.resolve("with.csv");
        ok("predict", model.toString(), "--csv", iris.toString(), "--out", withTarget.toString());
        // the features alone, no header, semicolons
        Tensor x = Csv.read(iris, Csv.options()).featureTensor();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < x.shape().dim(0); i++) {
            for (int j = 0; j < 4; j++) {
                rows.append(j == 0 ? "" : ";").append(x.floats()[i * 4 + j]);
            }
            rows.append('\n');
        }
        Path features = Files.writeString(tmp.resolve("features.txt"), rows);
        CliRun printed = ok("predict", model.toString(), "--csv", features.toString(), "--delimiter", ";",
                "--no-header");
        assertEquals(Files.readString(withTarget), printed.out());
    }

    @Test
    void aTestFileGivesTheFinalFigures() throws IOException {
        // the first 120 rows to train on (all held out for validation but none), the last 30 to test
        List<String> lines = Files.readAllLines(iris);
        Path train = Files.write(tmp.resolve("train.csv"), withHeader("a,b,c,d,species", lines.subList(1, 121)));
        Path test = Files.write(tmp.resolve("test.csv"), withHeader("a,b,c,d,species", lines.subList(121, 151)));
        CliRun r = ok("train", "mlp", "--csv", train.toString(), "--target", "species", "--test", test.toString(),
                "--validation", "0", "--epochs", "3", "--hidden", "8");
        assertTrue(r.out().startsWith("mlp 4-8-3 relu on train.csv: 120 training, 30 test rows (3 classes, "
                + "standardized); "), r.out());
        assertTrue(r.value("test accuracy").matches("[01]\\.\\d{4}"), r.out());
        assertTrue(!r.out().contains("validation"), r.out());
    }

    private static List<String> withHeader(String header, List<String> rows) {
        List<String> all = new ArrayList<>(List.of(header));
        all.addAll(rows);
        return all;
    }

    @Test
    void aRegressionCsvReportsMseMaeAndR2AndPredictsItsValues() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 200; i++) {
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(0, 100);
            csv.append(a).append(',').append(b).append(',').append(2 * a - b / 50 + 0.5).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("linear.csv"), csv);
        Path model = tmp.resolve("linear.safetensors");
        CliRun trained = ok("train", "mlp", "--csv", file.toString(), "--hidden", "none", "--lr", "0.05",
                "--epochs", "60", "--save", model.toString());
        assertTrue(trained.out().startsWith("mlp 2-1 linear on linear.csv: 160 training, 40 validation rows "
                + "(regression, standardized); "), trained.out());
        assertTrue(Double.parseDouble(trained.value("validation r2")) > 0.99, trained.out());
        assertTrue(Double.parseDouble(trained.value("validation mse")) < 0.01, trained.out());

        CliRun eval = ok("eval", model.toString(), "--csv", file.toString());
        Dataset all = Csv.read(file, Csv.options());
        try (Model loaded = Model.load(model)) {
            RegressionMetrics m = (RegressionMetrics) loaded.evaluate(all);
            assertEquals(String.format(Locale.ROOT, "%.6f", m.mse()), eval.value("mse"));
            assertEquals(String.format(Locale.ROOT, "%.6f", m.mae()), eval.value("mae"));
            assertEquals(String.format(Locale.ROOT, "%.4f", m.r2()), eval.value("r2"));
            assertTrue(!eval.out().contains("confusion"), eval.out());

            CliRun predicted = ok("predict", model.toString(), "--csv", file.toString());
            List<String> lines = predicted.out().lines().toList();
            assertEquals("value", lines.get(0));
            Predictions p = loaded.predict(all);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(Float.toString(p.outputs(i)[0]), lines.get(i + 1), "row " + i);
            }
        }
    }

    @Test
    void theLessonsModelsTrainOnTheirOwnDataOrOnACsv() throws IOException {
        CliRun xor = ok("train", "xor-mlp", "--epochs", "1500", "--lr", "0.05");
        assertTrue(xor.out().startsWith("xor-mlp on XOR: 4 training points (regression); adam(lr=0.05, "),
                xor.out());
        assertTrue(Double.parseDouble(xor.value("training mse")) < 0.01, xor.out());

        Path model = tmp.resolve("sin.safetensors");
        CliRun sin = ok("train", "sin-mlp", "--epochs", "1", "--validation", "0.1", "--save", model.toString());
        assertTrue(sin.out().startsWith("sin-mlp on sin(10x) for x in [0,1]: 900 training, 100 validation points "
                + "(regression); "), sin.out());
        CliRun eval = ok("eval", model.toString());
        assertTrue(eval.out().startsWith("sin_mlp (regression, trained 1 epoch on sin(10x) for x in [0,1] (1000 "
                + "points), 900 for training) on sin(10x) for x in [0,1] (1000 points)\n"), eval.out());

        // the neuron has no data of its own: logical AND from a CSV
        Path and = Files.writeString(tmp.resolve("and.csv"), "a,b,y\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n");
        CliRun neuron = ok("train", "neuron", "--csv", and.toString(), "--validation", "0", "--epochs", "500",
                "--lr", "0.1");
        assertTrue(neuron.out().startsWith("neuron on and.csv: 4 training rows (regression, standardized); "),
                neuron.out());
        assertTrue(Double.parseDouble(neuron.value("training mse")) < 0.05, neuron.out());
    }

    @Test
    void twoEpochsSavedAndResumedForTwoMoreEqualFourInOneRunBitForBit() throws IOException {
        Path straight = tmp.resolve("four.safetensors");
        Path half = tmp.resolve("two.safetensors");
        Path resumed = tmp.resolve("resumed.safetensors");
        Path fourHistory = tmp.resolve("four.csv");
        Path lastTwoHistory = tmp.resolve("last-two.csv");
        List<String> common = List.of("--csv", iris.toString(), "--batch-size", "16", "--seed", "7", "--optimizer",
                "adamw", "--lr", "0.01", "--schedule", "cosine:4");
        ok(args(List.of("train", "mlp", "--epochs", "4", "--save", straight.toString(), "--history",
                fourHistory.toString()), common));
        ok(args(List.of("train", "mlp", "--epochs", "2", "--save", half.toString()), common));
        CliRun r = ok("train", "--resume", half.toString(), "--csv", iris.toString(), "--epochs", "2", "--save",
                resumed.toString(), "--history", lastTwoHistory.toString());
        assertTrue(r.out().startsWith("resuming " + half + " (mlp after epoch 2, step 14) on iris.csv: 120 training,"
                + " 30 validation rows (3 classes, standardized); adamw(lr=0.01, "), r.out());
        assertTrue(r.out().contains("cosine(t_max=4, eta_min=0.0), batch 16, compiled backend, seed 7"), r.out());
        assertTrue(r.out().contains("epoch 3/4: ") && r.out().contains("epoch 4/4: "), r.out());
        List<String> four = Files.readAllLines(fourHistory);
        List<String> lastTwo = Files.readAllLines(lastTwoHistory);
        assertEquals(four.subList(3, 5).stream().map(CsvCommandsTest::losses).toList(),
                lastTwo.subList(1, 3).stream().map(CsvCommandsTest::losses).toList());
        try (Model a = Model.load(straight); Model b = Model.load(resumed)) {
            assertSameBits(a.parameters(), b.parameters());
            assertSameBits(a.optimizerState(), b.optimizerState());
            assertEquals(a.trainingRecord(), b.trainingRecord());
        }
    }

    private static List<String> args(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    private static void ok(List<String> args) {
        ok(args.toArray(String[]::new));
    }

    /** epoch, train loss, validation loss and accuracy of a history line: not its times. */
    private static String losses(String historyLine) {
        String[] cells = historyLine.split(",");
        return String.join(",", List.of(cells).subList(0, 5));
    }

    private static void assertSameBits(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> {
            assertEquals(t.type(), actual.get(name).type(), name);
            for (int i = 0; i < t.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(t.getDouble(i)),
                        Double.doubleToRawLongBits(actual.get(name).getDouble(i)), name + "[" + i + "]");
            }
        });
    }
}
