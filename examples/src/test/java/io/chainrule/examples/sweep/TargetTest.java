package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.runtime.data.Dataset;
import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void theSawtoothComposesTentMapsIntoTeeth() {
        Target.Sawtooth t = new Target.Sawtooth(3);
        assertEquals("sawtooth t^3", t.name());
        assertEquals(8, t.pieces());
        // 4 teeth: 0 at multiples of 1/4, 1 midway between them
        for (int i = 0; i <= 8; i++) {
            assertEquals(i % 2 == 0 ? 0 : 1, t.value(i / 8.0), 1e-12, "x = " + i / 8.0);
        }
        assertEquals(0.5, t.value(1 / 16.0), 1e-12);
    }

    @Test
    void theMidpointsLieBetweenTheSamples() {
        Target sine = new Target.Sine(10);
        assertEquals("sin(10x)", sine.name());
        Dataset samples = sine.samples(5);
        Dataset midpoints = sine.midpoints(5);
        assertEquals(5, samples.size());
        assertEquals(4, midpoints.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i / 4.0, samples.features(i)[0], 1e-7);
            assertEquals((i + 0.5) / 4, midpoints.features(i)[0], 1e-7);
            assertEquals(Math.sin(10 * (i + 0.5) / 4), midpoints.targetTensor().floats()[i], 1e-6);
        }
        assertEquals(1, samples.features(4)[0]);
    }
}
