package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands with --spark, found through the class path as chainrule-spark.jar finds them. */
class SparkCommandsTest {
    @BeforeAll
    static void joinTheSharedContext() {
        SharedSpark.context();
    }

    @Test
    void aSweepOnSparkPrintsEachConfigurationAndWritesTheTable(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("sweep", "--hidden", "4,2-2", "--lr", "0.01,0.03", "--epochs", "2", "--points", "40",
                "--batch-size", "10", "--spark", SharedSpark.MASTER, "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.both());
        List<String> lines = r.out().lines().toList();
        assertEquals("4 configurations, each a task of Spark (" + SharedSpark.MASTER + ")", lines.get(0));
        assertEquals(4, lines.stream().filter(l -> l.matches("\\[[1-4]/4] sin\\(10x\\) 1-.* relative error .*"))
                .count(), r.out());
        assertTrue(lines.contains("4 finished, 0 failed"), r.out());
        assertEquals(5, Files.readAllLines(dir.resolve("results.csv")).size());
    }

    @Test
    void trainOnSparkAveragesTheWorkersAndReportsTheModelsFigures() {
        CliRun r = CliRun.of("train", "sin-mlp", "--epochs", "3", "--spark", SharedSpark.MASTER, "--workers", "2",
                "--sync-every", "4");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains("\non Spark (" + SharedSpark.MASTER + "): 2 workers, each on 1/2 of the training "
                + "set, averaging every 4 steps\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("(\\w+ )?mse: 0\\.\\d+")), r.out());
    }

    /**
     * Three Gaussian blobs in two files, every fifth row to test: a model trained on Spark and saved gives, through
     * eval and predict, the test accuracy that train printed for the model in its memory, its record says how it
     * trained, and --resume with --spark counts its epochs on.
     */
    @Test
    void aModelTrainedOnSparkIsSavedEvaluatedPredictedAndResumed(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        List<String> train = new ArrayList<>(List.of("a,b,c,d,species"));
        List<String> test = new ArrayList<>(List.of("a,b,c,d,species"));
        for (int i = 1; i <= 150; i++) {
            int label = i % 3;
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < 4; j++) {
                row.append(String.format(Locale.ROOT, "%.3f,", random.nextGaussian() + (j == label ? 2 : 0)));
            }
            (i % 5 == 0 ? test : train).add(row.append(label).toString());
        }
        Path trainCsv = Files.write(dir.resolve("train.csv"), train);
        Path testCsv = Files.write(dir.resolve("test.csv"), test);
        Path model = dir.resolve("iris.safetensors");
        List<String> data = List.of("--csv", trainCsv.toString(), "--target", "species", "--test", testCsv.toString(),
                "--validation", "0", "--batch-size", "10", "--spark", SharedSpark.MASTER, "--workers", "2",
                "--sync-every", "4");
        CliRun trained = CliRun.of(args(List.of("train", "mlp", "--hidden", "8", "--lr", "0.03", "--epochs", "20",
                "--save", model.toString()), data));
        assertEquals(0, trained.exitCode(), trained.both());
        String accuracy = trained.value("test accuracy");
        assertTrue(Double.parseDouble(accuracy) >= 0.8, trained.out());

        CliRun eval = CliRun.of("eval", model.toString(), "--csv", testCsv.toString(), "--target", "species");
        assertEquals(0, eval.exitCode(), eval.both());
        assertEquals("mlp (classification, trained 20 epochs on train.csv (120 rows), 120 for training, "
                + "data-parallel: 2 workers on shards of it averaging every 4 steps) on test.csv (30 rows)",
                eval.out().lines().findFirst().orElseThrow());
        assertEquals(accuracy, eval.value("accuracy"));
        assertEquals(trained.value("test loss"), eval.value("loss"));

        Path predictions = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", model.toString(), "--csv", testCsv.toString(), "--target", "species",
                "--out", predictions.toString());
        assertEquals(0, predict.exitCode(), predict.both());
        List<String> predicted = Files.readAllLines(predictions);
        int right = 0;
        for (int i = 1; i < test.size(); i++) {
            String[] cells = test.get(i).split(",");
            right += predicted.get(i).equals(cells[cells.length - 1]) ? 1 : 0;
        }
        assertEquals(accuracy, String.format(Locale.ROOT, "%.4f", right / 30.0));

        Path history = dir.resolve("history.csv");
        CliRun resumed = CliRun.of(args(List.of("train", "--resume", model.toString(), "--epochs", "2", "--history",
                history.toString()), data));
        assertEquals(0, resumed.exitCode(), resumed.both());
        // 120 rows, 60 a shard: 6 steps of 10 an epoch
        assertTrue(resumed.out().startsWith("resuming " + model + " (mlp after epoch 20, step 120) on train.csv: "),
                resumed.out());
        assertTrue(resumed.out().contains("\non Spark (" + SharedSpark.MASTER + "): 2 workers"), resumed.out());
        assertEquals(List.of("21", "22"), Files.readAllLines(history).stream().skip(1).map(l -> l.split(",")[0])
                .toList());
    }

    private static List<String> args(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    @Test
    void aSecondMasterInOneJvmIsOneLineNamingBoth() {
        CliRun r = CliRun.of("sweep", "--hidden", "4", "--epochs", "1", "--spark", "local[3]");
        assertEquals(1, r.exitCode(), r.both());
        assertEquals("chainrule sweep: --spark local[3]: this JVM already runs Spark on " + SharedSpark.MASTER
                + ", and Spark allows one context per JVM", r.firstErrorLine());
    }

    @Test
    void whatADataParallelFitDoesNotDoIsAUsageError() {
        CliRun patience = CliRun.of("train", "sin-mlp", "--spark", SharedSpark.MASTER, "--patience", "2");
        assertEquals(2, patience.exitCode(), patience.both());
        assertEquals("chainrule train: --patience is not supported with --spark: replicas train with the compiled "
                + "step, without early stopping", patience.firstErrorLine());
        CliRun workers = CliRun.of("train", "sin-mlp", "--spark", SharedSpark.MASTER, "--workers", "0");
        assertEquals("chainrule train: --workers must be at least 1, got 0", workers.firstErrorLine());
        CliRun alone = CliRun.of("train", "sin-mlp", "--sync-every", "5");
        assertEquals("chainrule train: --sync-every is for data-parallel training: give --spark MASTER too",
                alone.firstErrorLine());
    }
}
