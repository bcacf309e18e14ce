package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.spark.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void aSecondMasterInOneJvmIsOneLineNamingBoth() {
        CliRun r = CliRun.of("sweep", "--hidden", "4", "--epochs", "1", "--spark", "local[3]");
        assertEquals(1, r.exitCode(), r.both());
        assertEquals("chainrule sweep: --spark local[3]: this JVM already runs Spark on " + SharedSpark.MASTER
                + ", and Spark allows one context per JVM", r.firstErrorLine());
    }

    @Test
    void whatADataParallelFitDoesNotDoIsAUsageError() {
        CliRun save = CliRun.of("train", "sin-mlp", "--spark", SharedSpark.MASTER, "--save", "sin.safetensors");
        assertEquals(2, save.exitCode(), save.both());
        assertEquals("chainrule train: --save is not supported with --spark: replicas train a new model with the "
                + "compiled step, without early stopping, and the training record stays on one machine",
                save.firstErrorLine());
        CliRun workers = CliRun.of("train", "sin-mlp", "--spark", SharedSpark.MASTER, "--workers", "0");
        assertEquals("chainrule train: --workers must be at least 1, got 0", workers.firstErrorLine());
        CliRun alone = CliRun.of("train", "sin-mlp", "--sync-every", "5");
        assertEquals("chainrule train: --sync-every is for data-parallel training: give --spark MASTER too",
                alone.firstErrorLine());
    }
}
