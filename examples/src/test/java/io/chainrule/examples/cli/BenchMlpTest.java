package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench mlp}: the step of an MLP of any widths on MNIST's shape (784 pixels, 10 classes, batch 100), built as
 * {@code train mlp} builds it from the same options, with the products' FLOP counted from its layers.
 */
class BenchMlpTest {
    @TempDir
    Path tmp;

    /**
     * Per Linear layer of {@code in} features to {@code out}: 2 batch in out for the forward product and as much for
     * the weight's gradient and for the input's, except the first layer's input (the images), which needs none.
     */
    private static double productFlops(int batch, List<Integer> widths) {
        double flops = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            int products = i == 0 ? 2 : 3;
            flops += products * 2.0 * batch * widths.get(i) * widths.get(i + 1);
        }
        return flops;
    }

    @Test
    void benchTimesTheMlpOfTheGivenWidthsAndCountsItsProducts() {
        CliRun r = CliRun.of("bench", "mlp", "--hidden", "300,200", "--batch-size", "50", "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.both());
        String expected = String.format(Locale.ROOT, "%.1f MFLOP in products", productFlops(50,
                List.of(784, 300, 200, 10)) / 1e6);
        assertTrue(r.out().matches("mlp 784-300-200-10 relu training step \\(Adam\\), batch 50: [0-9]+ nodes, [0-9]+ "
                + "kernels, " + expected.replace(".", "\\.") + "\\n(?s).*"), expected + "\n" + r.both());
        assertTrue(r.out().matches("(?s).*\\ncompiled: +[0-9.]+ ms/step +[0-9.]+ GFLOP/s\\n.*"), r.out());
    }

    @Test
    void theMlpTakesTheActivationAndBatchOfTrainsMnistMlp() {
        CliRun r = CliRun.of("bench", "mlp", "--hidden", "16", "--activation", "tanh", "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.both());
        String expected = String.format(Locale.ROOT, "%.1f MFLOP", productFlops(100, List.of(784, 16, 10)) / 1e6);
        assertTrue(r.out().startsWith("mlp 784-16-10 tanh training step (Adam), batch 100: "), r.out());
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith(expected + " in products"), expected + "\n"
                + r.out());
    }

    @Test
    void theMlpRunsOnMnistBatches() throws IOException {
        Path dir = SyntheticMnist.write(tmp.resolve("mnist"), 250, 10);
        CliRun r = CliRun.of("bench", "mlp", "--hidden", "none", "--data", dir.toString(), "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().startsWith("mlp 784-10 linear training step (Adam), batch 100: "), r.out());
        assertTrue(r.out().contains("\ndata: shuffled MNIST training batches, refilled before every step"), r.out());
    }

    @Test
    void aBadHiddenIsTheUsageErrorTrainGives() {
        CliRun r = CliRun.of("bench", "mlp", "--hidden", "64,0");
        assertEquals(2, r.exitCode(), r.both());
        assertEquals("chainrule bench: --hidden takes the hidden layers' widths, such as 64,32, or none; got '64,0'",
                r.firstErrorLine());
    }

    @Test
    void anotherModelRefusesTheMlpsOptions() {
        CliRun builtin = CliRun.of("bench", "sin-mlp", "--hidden", "8");
        assertEquals(2, builtin.exitCode(), builtin.both());
        assertEquals("chainrule bench: --hidden shapes the mlp; model sin-mlp is built in", builtin.firstErrorLine());
        CliRun activation = CliRun.of("bench", "mnist-mlp", "--activation", "tanh");
        assertEquals("chainrule bench: --activation shapes the mlp; model mnist-mlp is built in",
                activation.firstErrorLine());
    }

    @Test
    void anUnknownModelNamesTheMlpAmongTheModels() {
        CliRun r = CliRun.of("bench", "resnet");
        assertEquals(2, r.exitCode(), r.both());
        assertEquals("chainrule bench: unknown model 'resnet' (available: neuron, perceptron, mnist-linear, mnist-mlp, "
                + "xor-mlp, sin-mlp, mlp; or a model source, File.java)", r.firstErrorLine());
    }
}
