package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad CSV, each its own case: one line on the error output naming the file, line and column, exit code
 * 1, and nothing half-done: no model file, no predictions file, no temporary file left in the directory.
 */
class BadCsvTest {
    @TempDir
    Path dir;

    private Path model;

    /** A classifier of 2 features and 3 classes, saved: what predict and eval read. */
    @BeforeEach
    void saveAModel() throws IOException {
        model = dir.resolve("model.safetensors");
        try (Model m = Model.builder(new Linear("out", 2, 3)).name("three_classes").input(2)
                .backend(new Interpreter()).build()) {
            m.save(model);
        }
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** The run failed with exit code 1 and {@code message} as its one line, and left only {@code inputs} behind. */
    private void assertFailedCleanly(CliRun r, String message, Path... inputs) throws IOException {
        assertEquals(1, r.exitCode(), r.both());
        assertEquals(message + System.lineSeparator(), r.err());
        assertFalse(r.out().contains("epoch"), "no training: " + r.out());
        Set<Path> expected = Stream.concat(Stream.of(model), Stream.of(inputs)).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.collect(Collectors.toSet()));
        }
    }

    @Test
    void aRaggedRow() throws IOException {
        Path data = csv("ragged.csv", "a,b,y\n1,2,0\n3,4\n");
        CliRun r = CliRun.of("train", "mlp", "--csv", data.toString(), "--save", dir.resolve("new.safetensors")
                .toString(), "--history", dir.resolve("history.csv").toString());
        assertFailedCleanly(r, "chainrule train: " + data + ":3:3: 2 fields, expected 3 (as the header has)", data);
    }

    @Test
    void aValueThatIsNotANumber() throws IOException {
        Path data = csv("text.csv", "a,b,y\n1,2,0\n3,four,1\n");
        CliRun r = CliRun.of("train", "mlp", "--csv", data.toString(), "--save", dir.resolve("new.safetensors")
                .toString());
        assertFailedCleanly(r, "chainrule train: " + data + ":3:2: 'four' is not a number (column 'b')", data);
    }

    @Test
    void anEmptyFile() throws IOException {
        Path data = csv("empty.csv", "");
        CliRun r = CliRun.of("train", "mlp", "--csv", data.toString(), "--save", dir.resolve("new.safetensors")
                .toString());
        assertFailedCleanly(r, "chainrule train: " + data + ": the file is empty: expected rows of numbers "
                + "separated by ','", data);
    }

    @Test
    void aTargetColumnThatDoesNotExist() throws IOException {
        Path data = csv("named.csv", "sepal,petal,label\n1,2,0\n3,4,1\n");
        CliRun r = CliRun.of("train", "mlp", "--csv", data.toString(), "--target", "species", "--save",
                dir.resolve("new.safetensors").toString());
        assertFailedCleanly(r, "chainrule train: " + data + ":1: no column named 'species': the columns are sepal, "
                + "petal, label", data);
        CliRun byIndex = CliRun.of("train", "mlp", "--csv", data.toString(), "--target", "3");
        assertFailedCleanly(byIndex, "chainrule train: " + data + ":1: no column 3: the rows have 3 columns (0 to 2,"
                + " or -3 to -1 from the end)", data);
    }

    @Test
    void aBadTestFileStopsTrainingBeforeItStarts() throws IOException {
        Path data = csv("train.csv", "a,b,y\n1,2,0\n3,4,1\n5,6,2\n");
        Path test = csv("test.csv", "a,b,y\n1,2,0\n3,4,5\n");
        CliRun r = CliRun.of("train", "mlp", "--csv", data.toString(), "--validation", "0", "--batch-size", "1",
                "--test", test.toString(), "--save", dir.resolve("new.safetensors").toString());
        assertFailedCleanly(r, "chainrule train: " + test + ":3:3: label 5 is not a class the model knows: it was "
                + "trained on labels 0 to 2", data, test);
    }

    @Test
    void aLabelThePredictingModelNeverSawInTraining() throws IOException {
        Path data = csv("labelled.csv", "a,b,y\n1,2,0\n3,4,2\n5,6,3\n");
        Path out = dir.resolve("predictions.csv");
        CliRun r = CliRun.of("predict", model.toString(), "--csv", data.toString(), "--out", out.toString());
        assertFailedCleanly(r, "chainrule predict: " + data + ":4:3: label 3 is not a class the model knows: it was "
                + "trained on labels 0 to 2", data);
    }

    @Test
    void aPredictionsFileIsReplacedWholeOrNotAtAll() throws IOException {
        Path out = csv("predictions.csv", "class\n1\n");
        Path data = csv("ragged.csv", "1,2\n3\n");
        CliRun r = CliRun.of("predict", model.toString(), "--csv", data.toString(), "--out", out.toString());
        assertFailedCleanly(r, "chainrule predict: " + data + ":2:2: 1 fields, expected 2 (as the first row has)",
                data, out);
        assertEquals("class\n1\n", Files.readString(out), "the earlier predictions are untouched");
    }

    @Test
    void evalOnABadCsv() throws IOException {
        Path data = csv("missing.csv", "a,b,y\n1,,0\n");
        CliRun r = CliRun.of("eval", model.toString(), "--csv", data.toString());
        assertFailedCleanly(r, "chainrule eval: " + data + ":2:2: missing value (an empty field): fill in or drop "
                + "the rows with missing values (pandas reads them as NaN)", data);
        assertEquals("", r.out());
    }

    @Test
    void aCsvThatIsNotThere() throws IOException {
        Path missing = dir.resolve("nowhere.csv");
        CliRun r = CliRun.of("train", "mlp", "--csv", missing.toString(), "--save", dir.resolve("new.safetensors")
                .toString());
        assertFailedCleanly(r, "chainrule train: cannot read --csv " + missing + ": no such file");
        CliRun p = CliRun.of("predict", model.toString(), "--csv", missing.toString(), "--out",
                dir.resolve("p.csv").toString());
        assertFailedCleanly(p, "chainrule predict: cannot read --csv " + missing + ": no such file");
    }

    @Test
    void rowsOfTheWrongWidthForTheModel() throws IOException {
        Path data = csv("wide.csv", "1,2,3,4\n5,6,7,8\n");
        Path out = dir.resolve("p.csv");
        CliRun r = CliRun.of("predict", model.toString(), "--csv", data.toString(), "--out", out.toString());
        assertFailedCleanly(r, "chainrule predict: " + data + ": 4 columns, expected the 2 features model " + model
                + " takes, then optionally the target", data);
        CliRun e = CliRun.of("eval", model.toString(), "--csv", data.toString());
        assertFailedCleanly(e, "chainrule eval: " + data + ": 4 columns, expected the 2 features model " + model
                + " takes and the target", data);
        Path narrow = csv("narrow.csv", "1\n5\n");
        CliRun t = CliRun.of("train", "--resume", model.toString(), "--csv", narrow.toString());
        assertFailedCleanly(t, "chainrule train: " + narrow + ": 1 column, expected the 2 features model " + model
                + " takes and the target", data, narrow);
    }
}
