package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.examples.Models;
import io.chainrule.ir.text.TextPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CliTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void dumpsTheMlpAsTextIr() {
        Run r = run("dump", "mnist-mlp", "--text");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("graph mnist_mlp {\n"), r.out());
        assertTrue(r.out().contains(" fc1:f32[100,120] = matmul %2, %3 {transpose_a=false, transpose_b=true}"),
                r.out());
        assertTrue(r.out().contains(" fc2:f32[100,84] = matmul "), r.out());
        assertTrue(r.out().contains(" out:f32[100,10] = matmul "), r.out());
        assertTrue(r.out().contains("  outputs output=%17, loss=%18\n"), r.out());
    }

    @Test
    void benchPrintsBothBackendsAndTheSpeedupLast() {
        Run r = run("bench", "sin-mlp", "--seconds", "0.2");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].startsWith("sin_mlp_train training step (Adam), batch 64: "), r.out());
        assertTrue(lines[1].matches("products on (the Vector API|plain Java loops) .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\ncompile \\(graph to loaded class\\): [0-9.]+ ms\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\ncompiled: +[0-9.]+ ms/step .*\\ninterpreted: +[0-9.]+ ms/step .*"),
                r.out());
        assertTrue(lines[lines.length - 1].matches("speedup compiled/interpreted: [0-9]+\\.[0-9]"), r.out());
    }

    @Test
    void batchSizeSetsTheLeadingDimension() {
        Run r = run("dump", "mnist-linear", "--text", "--batch-size", "32");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(" x:f32[32,1,28,28] = input"), r.out());
    }

    @Test
    void writesDotIntoANewDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("graphs/dot");
        Run r = run("dump", "mnist-mlp", "--dot", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path file = dir.resolve("mnist-mlp.dot");
        assertTrue(Files.readString(file).startsWith("digraph \"mnist_mlp\" {"));
        assertEquals("wrote " + file + System.lineSeparator(), r.out());
    }

    @Test
    void writesTextIrIntoADirectory(@TempDir Path dir) throws IOException {
        Run r = run("dump", "xor-mlp", "--text", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(TextPrinter.print(Models.find("xor-mlp").orElseThrow().build()),
                Files.readString(dir.resolve("xor-mlp.txt")));
    }

    @Test
    void anUnknownModelIsAUsageErrorNamingTheModelsThereAre() {
        Run r = run("dump", "resnet", "--text");
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        String firstLine = r.err().lines().findFirst().orElseThrow();
        assertEquals("chainrule dump: unknown model 'resnet' (available: neuron, perceptron, mnist-linear, mnist-mlp,"
                + " xor-mlp, sin-mlp; or a model source, File.java)", firstLine);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run().exitCode());
        assertEquals(2, run("dump", "mnist-mlp").exitCode());
        assertEquals(2, run("dump", "mnist-mlp", "--text", "--dot").exitCode());
        assertEquals(2, run("dump", "mnist-mlp", "--text", "--batch-size", "0").exitCode());
        Run typo = run("dum");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("Did you mean: chainrule dump?"), typo.err());
    }

    @Test
    void aFailureIsOneLineWithExitCodeOne(@TempDir Path tmp) throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        Run r = run("dump", "neuron", "--dot", "--out", notADirectory.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("chainrule dump: java.nio.file.FileAlreadyExistsException"), r.err());
    }

    @Test
    void listsEveryModelWithItsParameterCount() {
        Run r = run("models");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : Models.names()) {
            assertTrue(r.out().lines().anyMatch(line -> line.startsWith(name + " ")), name + " in\n" + r.out());
        }
        assertTrue(r.out().lines().anyMatch(line -> line.matches("mnist-mlp +105,214  MNIST: .*")), r.out());
        assertTrue(r.out().lines().anyMatch(line -> line.matches("mnist-linear +7,850  MNIST: .*")), r.out());
        assertEquals(1 + Models.names().size(), r.out().lines().count());
    }

    @Test
    void printsTheProjectVersionTheJavaRuntimeAndWhereTheProductsRun() {
        Run r = run("--version");
        assertEquals(0, r.exitCode());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).matches("chainrule \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " ("), r.out());
        if (Gemm.usesVectorApi()) {
            assertEquals("matrix products on the Vector API (" + Gemm.vectorBits() + "-bit vectors)", lines.get(2));
        } else {
            assertTrue(lines.get(2).startsWith("matrix products on plain Java loops: "), lines.get(2));
        }
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("Usage: chainrule [-hV] [COMMAND]"), r.out());
        assertTrue(r.out().contains("  models "), r.out());
        assertTrue(r.out().contains("  dump "), r.out());
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void gradcheckPassesOnTheMlpAndEndsWithAPassVerdict() {
        Run r = run("gradcheck", "mnist-mlp");
        assertEquals(0, r.exitCode(), r.err());
        String last = lastLine(r.out());
        assertTrue(last.matches("PASS: max relative error \\d\\.\\d{3}e-\\d\\d <= tolerance 1\\.000e-06"), last);
        String error = last.substring("PASS: max relative error ".length(), last.indexOf(" <="));
        assertTrue(Double.parseDouble(error) < 1e-6, last);
        assertTrue(r.out().contains("  fc1.weight "), r.out());
    }

    @Test
    void gradcheckFailsWithAFailVerdictWhenTheErrorExceedsTheTolerance() {
        Run r = run("gradcheck", "neuron", "--tolerance", "1e-15");
        assertEquals(1, r.exitCode());
        String last = lastLine(r.out());
        assertTrue(last.matches("FAIL: max relative error \\d\\.\\d{3}e-\\d\\d > tolerance 1\\.000e-15"), last);
        assertEquals(2, run("gradcheck", "perceptron").exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--samples 0          | --samples must be at least 1, got 0",
        "--samples -1         | --samples must be at least 1, got -1",
        "--tolerance 0        | --tolerance must be positive and finite, got 0.0",
        "--tolerance -1e-6    | --tolerance must be positive and finite, got -1.0E-6",
        "--tolerance NaN      | --tolerance must be positive and finite, got NaN",
        "--tolerance Infinity | --tolerance must be positive and finite, got Infinity",
    })
    void gradcheckRejectsNonPositiveSamplesAndTolerances(String args, String message) {
        List<String> all = new ArrayList<>(List.of("gradcheck", "neuron"));
        all.addAll(List.of(args.strip().split(" +")));
        Run r = run(all.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.out());
        assertEquals("chainrule gradcheck: " + message, r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out());
    }

    /** A command that fails with a given throwable, to check the tool's failure handling. */
    @Command(name = "fail")
    private record Failing(Throwable failure) implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineWithExitCodeOne() {
        CommandLine cmd = Main.commandLine().addSubcommand(new Failing(new OutOfMemoryError("Java heap space")));
        Run r = run(cmd, "fail");
        assertEquals(1, r.exitCode());
        assertEquals("chainrule fail: java.lang.OutOfMemoryError: Java heap space (the JVM ran out of memory; "
                + "a larger -Xmx may help)" + System.lineSeparator(), r.err());
    }

    @Test
    void anyOtherErrorIsOneLineWithExitCodeOneToo() {
        CommandLine cmd = Main.commandLine().addSubcommand(new Failing(new StackOverflowError()));
        Run r = run(cmd, "fail");
        assertEquals(1, r.exitCode());
        assertEquals("chainrule fail: java.lang.StackOverflowError" + System.lineSeparator(), r.err());
    }

    @Test
    void dumpsTheTrainingStepSideBySideAndAsColouredDot() {
        Run r = run("dump", "mnist-mlp", "--side-by-side");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| backward"), r.out());
        assertTrue(r.out().contains("update fc1.weight <- %"), r.out());
        Run dot = run("dump", "xor-mlp", "--train", "--dot");
        assertTrue(dot.out().contains("mistyrose") && dot.out().contains("lavender"), dot.out());
        assertEquals(2, run("dump", "perceptron", "--train", "--text").exitCode());
    }

    @Test
    void dumpsTheCompiledStepsBytecodePlanAndGraph(@TempDir Path dir) throws IOException {
        Run r = run("dump", "mnist-mlp", "--bytecode", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path stem = dir.resolve("Step_mnist_mlp_train_100x1x28x28_100");
        assertTrue(Files.size(Path.of(stem + ".class")) > 1000);
        assertTrue(Files.readString(Path.of(stem + ".asm.txt")).contains("static k0_"));
        String plan = Files.readString(Path.of(stem + ".plan.txt"));
        assertTrue(plan.contains("gemm 100x784x120 B^T +bias") && plan.contains("peak intermediate memory"), plan);
        assertTrue(Files.readString(Path.of(stem + ".graph.txt")).startsWith("graph mnist_mlp_train {"));
        assertEquals(2, run("dump", "mnist-mlp", "--bytecode").exitCode());
    }
}
