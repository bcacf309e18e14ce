package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.cluster.ClusterRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    /** Two shapes, two rates: the larger rate makes plain SGD's loss overflow, and the sweep goes on past it. */
    @Test
    void aSweepPrintsEachConfigurationAsItEndsAndWritesTheTableWithItsFailures(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("sweep", "--hidden", "4,2-2", "--optimizer", "sgd", "--lr", "0.01,1e30", "--epochs", "2",
                "--points", "40", "--batch-size", "10", "--threads", "2", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.both());
        List<String> lines = r.out().lines().toList();
        assertEquals("4 configurations, on 2 local worker threads", lines.get(0));
        assertEquals(4, lines.stream().filter(l -> l.matches("\\[[1-4]/4] sin\\(10x\\) 1-.*")).count(), r.out());
        assertEquals(2, lines.stream().filter(l -> l.contains(" lr 1.0E30 ") && l.contains(": failed: loss is "))
                .count(), r.out());
        assertTrue(lines.contains("2 finished, 2 failed"), r.out());
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("sin(10x),1-4-1,1,13,relu,sgd,0.01,10,2,40,1,finished,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("sin(10x),1-4-1,1,13,relu,sgd,1.0E30,10,2,40,1,failed,,,,,\"loss is "),
                csv.get(2));
        assertTrue(Files.isRegularFile(dir.resolve("error-vs-parameters.png")), r.out());
    }

    @Test
    void sparkWithoutChainrulesSparkModuleSaysWhatToRun(@TempDir Path dir) {
        CliRun r = CliRun.of("sweep", "--hidden", "4", "--spark", "local[2]", "--out", dir.toString());
        assertEquals(1, r.exitCode(), r.both());
        assertEquals("chainrule sweep: " + ClusterRunner.MISSING, r.firstErrorLine());
    }

    @Test
    void badGridsAndOptionsAreUsageErrors(@TempDir Path dir) {
        CliRun missing = CliRun.of("sweep", dir.resolve("none.txt").toString());
        assertEquals(2, missing.exitCode(), missing.both());
        assertEquals("chainrule sweep: no grid file " + dir.resolve("none.txt"), missing.firstErrorLine());
        CliRun option = CliRun.of("sweep", "--hidden", "4", "--activation", "swish");
        assertTrue(option.firstErrorLine().startsWith("chainrule sweep: --activation: unknown activation 'swish'; "
                + "expected one of relu, "), option.both());
        CliRun threads = CliRun.of("sweep", "--hidden", "4", "--threads", "0");
        assertEquals("chainrule sweep: --threads must be at least 1, got 0", threads.firstErrorLine());
        CliRun both = CliRun.of("sweep", "--hidden", "4", "--threads", "2", "--spark", "local[2]");
        assertEquals("chainrule sweep: --threads is for local runs; on Spark, as many trials run at once as the "
                + "executors have cores", both.firstErrorLine());
    }
}
