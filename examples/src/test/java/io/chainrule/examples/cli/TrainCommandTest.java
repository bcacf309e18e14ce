package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code chainrule train} on small synthetic MNIST files: what it checks before training, and what it writes after. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private Path data;

    @BeforeEach
    void writeData() throws IOException {
        data = SyntheticMnist.write(tmp.resolve("mnist"), 120, 30);
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** The options every run has unless it gives them: small and fast. */
    private static final List<String> DEFAULTS = List.of("--epochs", "1", "--batch-size", "20", "--validation", "20",
            "--backend", "interpreted");

    /** Runs {@code train mnist-linear} on the synthetic data with {@code args}, else {@link #DEFAULTS}. */
    private Run train(String... args) {
        return train(() -> { }, args);
    }

    /** As {@link #train(String...)}, running {@code afterEpochOne} when the first epoch's line is printed. */
    private Run train(Runnable afterEpochOne, String... args) {
        List<String> given = List.of(args);
        List<String> all = new ArrayList<>(List.of("train", "mnist-linear", "--data", data.toString()));
        for (int i = 0; i < DEFAULTS.size(); i += 2) {
            if (!given.contains(DEFAULTS.get(i))) {
                all.addAll(DEFAULTS.subList(i, i + 2));
            }
        }
        all.addAll(given);
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        OutputWatch out = new OutputWatch("epoch 1/", afterEpochOne);
        PrintStream original = System.out;
        int exitCode;
        try (PrintStream captured = new PrintStream(out, true)) {
            System.setOut(captured);
            exitCode = cmd.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Captures output, and runs an action once when a text first appears in it. */
    private static final class OutputWatch extends ByteArrayOutputStream {
        private final String text;
        private Runnable action;

        OutputWatch(String text, Runnable action) {
            this.text = text;
            this.action = action;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (action != null && toString().contains(text)) {
                Runnable once = action;
                action = null;
                once.run();
            }
        }
    }

    private static String line(String text) {
        return text + System.lineSeparator();
    }

    @Test
    void trainsAndWritesEveryOutputAskedFor() throws IOException {
        Path model = tmp.resolve("model.safetensors");
        Path history = tmp.resolve("history.csv");
        Run r = train("--save", model.toString(), "--history", history.toString(), "--check-finite");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("saved " + model), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().matches("test accuracy: 0\\.\\d{4}"),
                r.out());
        assertTrue(Files.size(model) > 7850 * 4);
        assertEquals(2, Files.readAllLines(history).size());
    }

    @Test
    void aHistoryPathThatIsADirectoryIsAnErrorBeforeTheFirstEpoch() {
        Path model = tmp.resolve("model.safetensors");
        Run r = train("--save", model.toString(), "--history", tmp.toString());
        assertEquals(1, r.exitCode());
        assertEquals(line("chainrule train: cannot write --history " + tmp + ": it is a directory"), r.err());
        assertFalse(r.out().contains("epoch"), r.out());
        assertFalse(Files.exists(model));
    }

    @Test
    void aSavePathInAMissingDirectoryIsAnErrorBeforeTheFirstEpochNamingThatPath() {
        Path missing = tmp.resolve("no/such/f.safetensors");
        Run r = train("--save", missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals(line("chainrule train: cannot write --save " + missing + ": no such directory "
                + missing.getParent()), r.err());
        assertFalse(r.out().contains("epoch"), r.out());
    }

    @Test
    void anOutputThatFailsAfterTrainingCostsNoOtherOutput() throws IOException {
        Path model = tmp.resolve("model.safetensors");
        Path historyDir = Files.createDirectory(tmp.resolve("runs"));
        Path history = historyDir.resolve("history.csv");
        Runnable removeHistoryDir = () -> {
            try {
                Files.delete(historyDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Run r = train(removeHistoryDir, "--history", history.toString(), "--save", model.toString());
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(line("chainrule train: could not write --history " + history + ": no such directory "
                + historyDir), r.err());
        assertTrue(Files.size(model) > 7850 * 4, "the model is saved");
        assertTrue(r.out().contains("saved " + model), r.out());
        assertTrue(r.out().contains("test accuracy: "), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--lr -1           | --lr must be finite and not negative, got -1.0",
        "--lr NaN          | --lr must be finite and not negative, got NaN",
        "--lr Infinity     | --lr must be finite and not negative, got Infinity",
        "--epochs 0        | --epochs must be at least 1, got 0",
        "--batch-size 0    | --batch-size must be at least 1, got 0",
        "--patience -1     | --patience must be 0 (off) or more, got -1",
        "--validation -5   | --validation must be a count of examples (0: none) or a fraction of them from 0 to 1 "
                + "(1 excluded), got -5",
        "--validation 1.0  | --validation must be a count of examples (0: none) or a fraction of them from 0 to 1 "
                + "(1 excluded), got 1.0",
        "--validation 0.9  | --validation 0.9 leaves 12 training images, fewer than one batch of 20",
        "--validation 0 --batch-size 121 | the 120 training images are fewer than one batch of 121; give a smaller "
                + "--batch-size",
        "--validation 0 --patience 2 | --patience 2 needs a validation set (early stopping compares validation "
                + "losses), but --validation is 0",
        "--validation 101  | --validation 101 leaves 19 training images, fewer than one batch of 20",
        "--validation 121  | --validation 121 is more than the 120 training images",
        "--save out --history ./out | --save and --history name the same file, out",
    })
    void nonsensicalHyperparametersAreUsageErrors(String args, String message) {
        Run r = train(args.strip().split(" +"));
        assertEquals(2, r.exitCode(), r.out());
        assertEquals("chainrule train: " + message, r.err().lines().findFirst().orElseThrow());
        assertFalse(r.out().contains("epoch"), r.out());
    }

    @Test
    void withoutAValidationSetNoValidationFiguresArePrintedOrRecorded() throws IOException {
        Path history = tmp.resolve("history.csv");
        Run r = train("--validation", "0", "--history", history.toString());
        assertEquals(0, r.exitCode(), r.err());
        String epochLine = r.out().lines().filter(l -> l.startsWith("epoch 1/1")).findFirst().orElseThrow();
        assertTrue(epochLine.matches("epoch 1/1: train loss \\d+\\.\\d{4}, (\\d+ ms|\\d+\\.\\d s), \\d+ examples/s"),
                epochLine);
        assertFalse(r.out().contains("validation loss"), r.out());
        assertTrue(Files.readAllLines(history).get(1).matches("1,[0-9.E-]+,0\\.001,[0-9.E-]+,[0-9.E-]+"),
                Files.readString(history));
        assertEquals(0, train("--validation", "0", "--patience", "0").exitCode());
    }

    @Test
    void anEmptyTestSetIsAnErrorBeforeTheFirstEpoch() throws IOException {
        data = SyntheticMnist.write(tmp.resolve("no-test-images"), 120, 0);
        Run r = train();
        assertEquals(1, r.exitCode(), r.out());
        assertEquals(line("chainrule train: the test set in " + data + " has no images: nothing to measure the "
                + "accuracy on"), r.err());
        assertFalse(r.out().contains("epoch"), r.out());
    }

    @Test
    void theMlpIsSizedFromMnistAndResumesFromItsFile() throws IOException {
        Path first = tmp.resolve("first.safetensors");
        Path resumed = tmp.resolve("resumed.safetensors");
        CliRun r = CliRun.of("train", "mlp", "--hidden", "16", "--activation", "tanh", "--data", data.toString(),
                "--epochs", "1", "--batch-size", "20", "--validation", "0.25", "--save", first.toString());
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().startsWith("mlp 784-16-10 tanh on MNIST: 90 training, 30 validation, 30 test images (10 "
                + "classes); adam(lr=0.001, "), r.out());
        CliRun more = CliRun.of("train", "--resume", first.toString(), "--data", data.toString(), "--epochs", "2",
                "--validation", "0.25", "--save", resumed.toString());
        assertEquals(0, more.exitCode(), more.both());
        assertTrue(more.out().startsWith("resuming " + first + " (mlp after epoch 1, step 4) on MNIST: 90 training, "
                + "30 validation, 30 test images (10 classes); adam(lr=0.001, "), more.out());
        assertTrue(more.out().contains("batch 20, compiled backend, seed 1\nepoch 2/3: "), more.out());
        assertTrue(more.out().contains("\nepoch 3/3: "), more.out());
        assertTrue(more.value("test accuracy").matches("[01]\\.\\d{4}"), more.out());
    }

    @Test
    void aBlankDataFlagIsAUsageErrorRatherThanTheDefaultPlaces() {
        data = Path.of("");
        Run r = train();
        assertEquals(2, r.exitCode(), r.out());
        assertEquals("chainrule train: --data \"\" names no directory: give the data directory, or leave the flag out "
                + "to look in CHAINRULE_DATA or ../shared/data", r.err().lines().findFirst().orElseThrow());
    }
}
