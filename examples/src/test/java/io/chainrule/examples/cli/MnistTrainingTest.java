package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Mnist;
import picocli.CommandLine;

/** The lesson's two MNIST loops, run as a user runs them, on real MNIST found through the data lookup. */
class MnistTrainingTest {

    /** Runs the tool (train writes to the process's stdout); returns what it printed. */
    private static String train(String... args) {
        requireMnist();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true)) {
            System.setOut(out);
            exit = new CommandLine(new ChainruleCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString();
        assertEquals(0, exit, text);
        return text;
    }

    /** Fails with the lookup's own message (every place it tried, and how to fix it) when MNIST is not there. */
    private static void requireMnist() {
        try {
            DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES);
        } catch (java.io.IOException e) {
            throw new AssertionError("these tests train on real MNIST: " + e.getMessage(), e);
        }
    }

    private static double testAccuracy(String output) {
        String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("test accuracy: "), output);
        return Double.parseDouble(last.substring("test accuracy: ".length()));
    }

    @Test
    void theLinearModelReaches92PercentInFiveEpochs() {
        double accuracy = testAccuracy(train("train", "mnist-linear", "--epochs", "5"));
        assertTrue(accuracy >= 0.92, "test accuracy " + accuracy);
    }

    @Test
    void theMlpReaches97point5PercentWithinTenEpochs() {
        double accuracy = testAccuracy(train("train", "mnist-mlp", "--epochs", "10"));
        assertTrue(accuracy >= 0.975, "test accuracy " + accuracy);
    }

    @Test
    void theSameSeedGivesBitIdenticalLossesAndACheckpointOfTheRun(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path weights = dir.resolve("linear.safetensors");
        train("train", "mnist-linear", "--epochs", "2", "--seed", "5", "--history", a.toString(), "--save",
                weights.toString());
        train("train", "mnist-linear", "--epochs", "2", "--seed", "5", "--history", b.toString());
        List<String> first = Files.readAllLines(a);
        List<String> second = Files.readAllLines(b);
        assertEquals(3, first.size());
        for (int i = 1; i < first.size(); i++) {
            String[] x = first.get(i).split(",");
            String[] y = second.get(i).split(",");
            assertEquals(x[1], y[1], "train loss, epoch " + i);
            assertEquals(x[2], y[2], "validation loss, epoch " + i);
        }
        assertTrue(Files.size(weights) > 7850 * 4, "the checkpoint holds the parameters and Adam's state");
    }

    @Test
    void anUnknownDataDirectorySaysWhereItLooked(@TempDir Path dir) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream e = new PrintStream(err, true)) {
            System.setErr(e);
            CommandLine cmd = new CommandLine(new ChainruleCommand());
            cmd.setErr(new java.io.PrintWriter(e, true));
            exit = cmd.execute("train", "mnist-linear", "--data", dir.toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(1, exit);
        assertTrue(err.toString().contains("mnist not found: looked for train-images-idx3-ubyte(.gz)"), err.toString());
    }
}
