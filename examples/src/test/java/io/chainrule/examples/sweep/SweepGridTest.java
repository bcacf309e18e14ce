package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.nn.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepGridTest {
    @Test
    void aGridFileGivesEveryCombinationTheLastKeyVaryingFastest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("grid.txt"), """
                # depth against width
                hidden: 31, 8x2          # one layer of 31; two of 8
                activation: tanh
                lr: 0.001, 0.01
                seed: 1..2
                """);
        List<FitTrial> trials = SweepGrid.read(file).trials();
        assertEquals(8, trials.size());
        FitTrial first = trials.get(0);
        assertEquals(new FitTrial(new Target.Sine(10), List.of(31), Activation.TANH, 1, 100, 50, "adam", 0.001, 1000),
                first);
        assertEquals(List.of(1L, 2L, 1L, 2L), trials.subList(0, 4).stream().map(FitTrial::seed).toList());
        assertEquals(List.of(0.001, 0.001, 0.01, 0.01), trials.subList(0, 4).stream().map(FitTrial::learningRate)
                .toList());
        assertEquals(List.of(8, 8), trials.get(4).hidden());
    }

    @Test
    void aSettingGivenAgainReplacesTheFilesLine() {
        List<FitTrial> trials = new SweepGrid().with("hidden", "4").with("hidden", "2-3")
                .with("target", "sawtooth t^3").with("optimizer", "sgd").trials();
        assertEquals(1, trials.size());
        assertEquals(List.of(2, 3), trials.get(0).hidden());
        assertEquals("sawtooth t^3", trials.get(0).target().name());
        assertEquals("sgd", trials.get(0).optimizer());
    }

    @Test
    void whatIsWrongIsNamedWithItsFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("grid.txt"), "hidden: 8\nlayers: 3\n");
        assertEquals(file + ":2: unknown setting 'layers'; expected one of target, hidden, activation, optimizer, lr, "
                + "batch-size, epochs, points, seed", assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.read(file)).getMessage());
        assertEquals("lr: expected a positive number, got -0.1", message(() -> new SweepGrid().with("lr", "-0.1")));
        assertEquals("hidden: '8-x' is not a network shape: expected the hidden layers' widths joined by '-', such as "
                + "8-8-8-8, or WIDTHxLAYERS, such as 8x4", message(() -> new SweepGrid().with("hidden", "8-x")));
        assertEquals("seed: the range 3..1 must go up, by at most 100000 seeds",
                message(() -> new SweepGrid().with("seed", "3..1")));
        assertEquals("epochs: expected values separated by commas, got '5,,6'",
                message(() -> new SweepGrid().with("epochs", "5,,6")));
        assertEquals("the grid has no network shapes: give hidden, such as 'hidden: 31, 8-8-8-8' (one layer of 31 "
                + "units; four of 8)", message(() -> new SweepGrid().trials()));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
