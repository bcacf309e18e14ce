package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.source.JavaModelSource;
import io.chainrule.ir.source.ModelSourceException;
import io.chainrule.runtime.checkpoint.SafeTensors;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that takes a model name, given a model written as Java source (src/main/models, or written here). */
class SourceModelCommandsTest {
    private static final String MLP = "src/main/models/MultilayerPerceptron.java";
    private static final String XOR = "src/main/models/XorNet.java";

    @TempDir
    Path tmp;

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.both());
        assertEquals("", r.err());
        return r;
    }

    private static CliRun failing(int exitCode, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(exitCode, r.exitCode(), r.both());
        assertEquals("", r.out(), r.both());
        return r;
    }

    /** A network class without @Input: train sizes it from its data. */
    private Path source(String className, String fields, String forward) throws IOException {
        return Files.writeString(tmp.resolve(className + ".java"), """
                import static io.chainrule.ir.nn.F.flatten;
                import static io.chainrule.ir.nn.F.relu;

                import io.chainrule.ir.Value;
                import io.chainrule.ir.nn.Input;
                import io.chainrule.ir.nn.Linear;
                import io.chainrule.ir.nn.Network;

                public class %s implements Network {
                    %s

                    @Override
                    public Value forward(Value x) {
                        %s
                    }
                }
                """.formatted(className, fields, forward));
    }

    @Test
    void dumpPrintsTheGraphWithEveryNodesLineAndColumnInTheSource() throws IOException {
        CliRun r = ok("dump", MLP, "--text");
        assertTrue(r.out().startsWith("graph MultilayerPerceptron {\n"), r.out());
        // its @Input's batch of 100 images; x = relu(fc1.apply(x)); on line 47, relu at column 13, apply at 22
        assertEquals("# examples", origin(r.out(), " x:f32[100,1,28,28] = input"));
        assertEquals("# MultilayerPerceptron.java:47:22", origin(r.out(), " fc1:f32[100,120] = matmul %2, %3 "));
        assertEquals("# MultilayerPerceptron.java:47:13", origin(r.out(), ":f32[100,120] = relu %6"));
        assertTrue(r.out().contains("  outputs output=%17, loss=%18\n"), r.out());
        assertTrue(ok("dump", MLP, "--text", "--batch-size", "8").out().contains(" x:f32[8,1,28,28] = input"));
        assertTrue(ok("dump", MLP, "--dot").out().contains("MultilayerPerceptron.java:47:22"));

        Path dir = tmp.resolve("graphs");
        CliRun written = ok("dump", MLP, "--train", "--text", "--out", dir.toString());
        Path file = dir.resolve("MultilayerPerceptron-train.txt");
        assertEquals("wrote " + file + System.lineSeparator(), written.out());
        assertTrue(Files.readString(file).startsWith("graph MultilayerPerceptron_train {"));
    }

    /** The trailing comment of the one line of {@code dump} that contains {@code statement}. */
    private static String origin(String dump, String statement) {
        List<String> lines = dump.lines().filter(l -> l.contains(statement)).toList();
        assertEquals(1, lines.size(), statement + " in\n" + dump);
        return lines.get(0).substring(lines.get(0).indexOf('#'));
    }

    @Test
    void gradcheckPassesOnSourceModelsInFloat64() {
        for (String model : List.of(MLP, "src/main/models/DeepMlp.java", XOR)) {
            CliRun r = ok("gradcheck", model, "--samples", "10");
            String name = Path.of(model).getFileName().toString().replace(".java", "");
            assertTrue(r.out().startsWith(name + ", batch 4, float64, central differences"), r.out());
            assertTrue(r.out().contains("  fc1.weight "), r.out());
            String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("PASS: max relative error \\d\\.\\d{3}e-\\d\\d <= tolerance 1\\.000e-06"), last);
        }
    }

    @Test
    void benchTimesASourceModelsTrainingStep() {
        CliRun r = ok("bench", XOR, "--seconds", "0.1");
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("XorNet_train training step (Adam), batch 4: "), r.out());
        assertTrue(r.out().matches("(?s).*\\ncompiled: +[0-9.]+ ms/step .*\\ninterpreted: +[0-9.]+ ms/step .*"),
                r.out());
        assertTrue(lines[lines.length - 1].matches("speedup compiled/interpreted: [0-9]+\\.[0-9]"), r.out());
    }

    /** The issue's test: an epoch of the lesson's MultilayerPerceptron.java trains as mnist-mlp's does, bit for bit. */
    @Test
    void trainingTheLessonsSourceOnMnistIsTheBuiltInMnistMlpBitForBit() throws IOException {
        Path fromSource = tmp.resolve("source.safetensors");
        Path builtIn = tmp.resolve("builtin.safetensors");
        CliRun source = ok("train", MLP, "--epochs", "1", "--seed", "5", "--save", fromSource.toString(),
                "--history", tmp.resolve("source.csv").toString());
        CliRun mnistMlp = ok("train", "mnist-mlp", "--epochs", "1", "--seed", "5", "--save", builtIn.toString(),
                "--history", tmp.resolve("builtin.csv").toString());
        assertTrue(source.out().startsWith(MLP + " on MNIST: 55000 training, 5000 validation, 10000 test images (10 "
                + "classes); adam(lr=0.001, "), source.out());
        // the losses to the last bit: the epoch's mean training loss and the validation figures (columns 2 to 4)
        List<String> sourceEpoch = List.of(Files.readAllLines(tmp.resolve("source.csv")).get(1).split(","));
        List<String> builtInEpoch = List.of(Files.readAllLines(tmp.resolve("builtin.csv")).get(1).split(","));
        assertEquals(builtInEpoch.subList(1, 4), sourceEpoch.subList(1, 4));
        assertEquals(mnistMlp.value("test loss"), source.value("test loss"));
        assertEquals(mnistMlp.value("test accuracy"), source.value("test accuracy"));

        Map<String, String> metadata = SafeTensors.read(fromSource).metadata();
        assertEquals(Files.readString(Path.of(MLP)), metadata.get("source"));
        assertEquals("MultilayerPerceptron.java", metadata.get("source_file"));
        try (Model a = Model.load(fromSource); Model b = Model.load(builtIn)) {
            assertEquals("MultilayerPerceptron", a.name());
            assertEquals(b.parameters().keySet(), a.parameters().keySet());
            b.parameters().forEach((name, t) -> assertArrayEquals(t.floats(), a.parameters().get(name).floats(),
                    name));
        }
        // eval and predict read the model from its file alone, source and all
        CliRun eval = ok("eval", fromSource.toString());
        assertTrue(eval.out().startsWith("MultilayerPerceptron (classification, trained 1 epoch on "),
                eval.out());
        assertEquals(source.value("test accuracy"), eval.value("accuracy"));
        assertEquals(ok("predict", builtIn.toString(), "--image", "7").out(),
                ok("predict", fromSource.toString(), "--image", "7").out());
    }

    @Test
    void aSourceWithoutInputTrainsOnACsvSizedFromItsColumnsThenEvaluatesPredictsAndResumes() throws IOException {
        Path iris = DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "iris.csv");
        Path net = source("IrisNet", """
                final Linear fc1 = new Linear("fc1", 4, 16);
                    final Linear out = new Linear("out", 16, 3);""", "return out.apply(relu(fc1.apply(x)));");
        Path saved = tmp.resolve("iris.safetensors");
        CliRun trained = ok("train", net.toString(), "--csv", iris.toString(), "--lr", "0.01", "--epochs", "60",
                "--save", saved.toString());
        assertTrue(trained.out().startsWith(net + " on iris.csv: 120 training, 30 validation rows (3 classes, "
                + "standardized); adam(lr=0.01, "), trained.out());
        assertTrue(Double.parseDouble(trained.value("validation accuracy")) >= 0.9, trained.out());
        assertEquals("IrisNet.java", SafeTensors.read(saved).metadata().get("source_file"));

        Dataset all = Csv.read(iris, Csv.options());
        Files.delete(net); // the model file alone
        try (Model loaded = Model.load(saved)) {
            assertEquals("IrisNet", loaded.name());
            CliRun eval = ok("eval", saved.toString(), "--csv", iris.toString());
            assertTrue(eval.out().startsWith("IrisNet (classification, trained 60 epochs on iris.csv (150 rows), "),
                    eval.out());
            Predictions expected = loaded.predict(all);
            List<String> lines = ok("predict", saved.toString(), "--csv", iris.toString()).out().lines().toList();
            assertEquals(151, lines.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(String.valueOf(expected.predictedClass(i)), lines.get(i + 1), "row " + i);
            }
        }
        CliRun resumed = ok("train", "--resume", saved.toString(), "--csv", iris.toString(), "--epochs", "2");
        assertTrue(resumed.out().startsWith("resuming " + saved + " (IrisNet after epoch 60, step "), resumed.out());
    }

    @Test
    void aSourceWithInputTrainsWithItsBatchAndTask() throws IOException {
        Path xor = Files.writeString(tmp.resolve("xor.csv"), "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        CliRun r = ok("train", XOR, "--csv", xor.toString(), "--validation", "0", "--epochs", "3", "--no-standardize");
        assertTrue(r.out().startsWith(XOR + " on xor.csv: 4 training rows (regression); adam(lr=0.001, "), r.out());
        assertTrue(r.out().contains(", batch 4, compiled backend, seed 1\n"), r.out());
        assertTrue(r.out().contains("training mse: "), r.out());
    }

    @Test
    void aSourceWithErrorsPrintsEveryErrorAsJavacDoesAndExitsWithOne() throws IOException {
        Path broken = source("Broken", "final Linear fc = new Linear(\"fc\", 784, 10);", """
                x = flatten(x);
                        Value doubled = x * 2;
                        x = mystery(x);
                        while (true) {
                            x = relu(x);
                        }
                        return fc.apply(x);""");
        // with its input declared, forward is read too: all three errors at once
        Files.writeString(broken, Files.readString(broken).replace("public class", "@Input(shape = {1, 28, 28})\n"
                + "public class"));
        String errors = broken + ":16:27: error: operator * is not defined on tensors (Java has no operator "
                + "overloading); call x.mul(2) instead (elementwise; matmul() is the matrix product)\n"
                + "        Value doubled = x * 2;\n"
                + "                          ^\n"
                + broken + ":17:13: error: cannot find symbol: method mystery(Value)\n"
                + "        x = mystery(x);\n"
                + "            ^\n"
                + broken + ":18:9: error: while loops are not supported in forward(); use a for loop with a constant "
                + "bound\n"
                + "        while (true) {\n"
                + "        ^\n"
                + "3 errors";
        assertEquals(errors, assertThrows(ModelSourceException.class, () -> JavaModelSource.read(broken))
                .getMessage(), "the reader's own report, which the tool prints as it is");
        for (List<String> args : List.of(List.of("dump", broken.toString(), "--text"),
                List.of("gradcheck", broken.toString()), List.of("bench", broken.toString()),
                List.of("train", broken.toString(), "--data", tmp.toString()))) {
            CliRun r = CliRun.of(args);
            assertEquals(1, r.exitCode(), r.both());
            assertEquals(errors + System.lineSeparator(), r.err(), args.toString());
            assertEquals("", r.out());
        }
    }

    @Test
    void aSourceWithoutInputCannotBeDumpedWithoutItsShape() throws IOException {
        Path net = source("Plain", "final Linear fc = new Linear(\"fc\", 4, 3);", "return fc.apply(x);");
        CliRun r = failing(1, "dump", net.toString(), "--text");
        assertEquals("chainrule dump: " + net + ": class Plain has no @Input(shape = {...}), which dump needs for the "
                + "shape of its input (train takes the shape from its data)" + System.lineSeparator(), r.err());
    }

    @Test
    void aSourceThatDoesNotFitTheDataIsRefusedBeforeTraining() throws IOException {
        Path mnist = SyntheticMnist.write(tmp.resolve("mnist"), 200, 20);
        Path five = source("Five", "final Linear fc = new Linear(\"fc\", 784, 5);", "return fc.apply(flatten(x));");
        assertEquals("chainrule train: model " + five + " outputs 5 scores, MNIST has 10 classes", failing(1, "train",
                five.toString(), "--data", mnist.toString(), "--validation", "20").firstErrorLine());

        Path regression = Files.writeString(tmp.resolve("Regression.java"), Files.readString(Path.of(MLP))
                .replace("task = \"classification\"", "task = \"regression\"")
                .replace("MultilayerPerceptron", "Regression"));
        assertEquals("chainrule train: model " + regression + " is a regression model (its @Input says so), MNIST "
                + "has class labels", failing(1, "train", regression.toString(), "--data", mnist.toString(),
                "--validation", "20")
                .firstErrorLine());

        // the first layer takes 784 features, iris has 4: the reader's own error, at the line that applies it
        Path iris = DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "iris.csv");
        Path wide = source("Wide", "final Linear fc = new Linear(\"fc\", 784, 3);", "return fc.apply(x);");
        CliRun r = failing(1, "train", wide.toString(), "--csv", iris.toString());
        assertTrue(r.err().startsWith(wide + ":14:19: error: matmul fc: [1,4] x [3,784]^T: inner dimensions 4 and 784 "
                + "differ\n        return fc.apply(x);\n                  ^\n1 error"), r.err());
    }

    @Test
    void modelFilesAndOptionsSayWhatASourceIs() throws IOException {
        String notSaved = "chainrule eval: model file " + MLP + " is a model source, not a saved model: train it "
                + "(chainrule train " + MLP + " --save FILE) and give FILE" + System.lineSeparator();
        assertEquals(notSaved, failing(1, "eval", MLP).err());
        assertEquals(notSaved.replace("chainrule eval", "chainrule predict"),
                failing(1, "predict", MLP, "--image", "0").err());
        assertEquals("chainrule dump: cannot read model source Missing.java: no such file",
                failing(1, "dump", "Missing.java", "--text").firstErrorLine());
        assertEquals("chainrule train: cannot read model source Missing.java: no such file",
                failing(1, "train", "Missing.java").firstErrorLine());
        assertEquals("chainrule train: --hidden shapes the mlp; model " + MLP + " is its own source",
                failing(2, "train", MLP, "--hidden", "32").firstErrorLine());
        assertEquals("chainrule train: --task is for a model sized from its data; " + MLP + " declares its task "
                + "with @Input", failing(2, "train", MLP, "--task", "regression").firstErrorLine());
    }
}
