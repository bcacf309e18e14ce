package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.nn.Activation;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FitTrialTest {
    private static final FitTrial SMALL = new FitTrial(new Target.Sine(10), List.of(16), Activation.TANH, 3, 30, 20,
            0.01, 200);

    @Test
    void aTrialMeasuresTheHeldOutErrorAfterEveryEpochAndRepeatsBitForBit() {
        FitResult r = SMALL.run();
        assertEquals(3 * 16 + 1, r.parameters());
        assertEquals(30, r.epochMse().length);
        assertEquals(30, r.epochSeconds().length);
        assertEquals(r.epochMse()[29], r.mse());
        for (int e = 1; e < 30; e++) {
            assertTrue(r.epochSeconds()[e] >= r.epochSeconds()[e - 1]);
        }
        assertEquals(r.epochSeconds()[29], r.seconds());
        assertEquals(FitTrial.constantMse(SMALL.target().midpoints(200)), r.constantMse());
        assertTrue(r.relativeError() < 0.5 * r.epochMse()[0] / r.constantMse(), "it learns: " + r.relativeError());
        assertArrayEquals(r.epochMse(), SMALL.run().epochMse(), "the same configuration, the same errors");
    }

    @Test
    void itsNetworkHasTheHiddenWidthsAndItsShapeSaysSo() {
        assertEquals("1-16-1", SMALL.shape());
        FitTrial deep = new FitTrial(new Target.Sawtooth(2), List.of(8, 8, 8), Activation.RELU, 1, 1, 10, 0.01, 20);
        assertEquals("1-8-8-8-1", deep.shape());
        try (Model m = Model.builder(deep.network()).input(1).task(Task.REGRESSION).build()) {
            Map<String, String> shapes = new TreeMap<>();
            m.parameters().forEach((name, t) -> shapes.put(name, t.shape().toString()));
            assertEquals("{fc1.bias=[8], fc1.weight=[8,1], fc2.bias=[8], fc2.weight=[8,8], fc3.bias=[8], "
                    + "fc3.weight=[8,8], out.bias=[1], out.weight=[1,8]}", shapes.toString());
        }
    }

    @Test
    void aConfigurationThatCannotTrainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FitTrial(
                new Target.Sine(10), List.of(8), Activation.RELU, 1, 10, 64, 0.01, 50));
        assertEquals("a trial needs epochs >= 1, 1 <= batch size <= points and a positive learning rate: epochs 10, "
                + "batch size 64, points 50, learning rate 0.01", e.getMessage());
        assertEquals("a trial's network needs hidden layers of at least 1 unit, got [8, 0]", assertThrows(
                IllegalArgumentException.class, () -> new FitTrial(new Target.Sine(10), List.of(8, 0),
                        Activation.RELU, 1, 10, 10, 0.01, 50)).getMessage());
    }
}
