package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs a graph on both backends from the same start and compares every output and every updated parameter and state:
 * the worst difference over the largest magnitude of the interpreter's tensor must stay under {@link #TOLERANCE}.
 * Magnitudes under {@link #FLOOR} count as the floor: a float32 value that small, computed from the O(1) values these
 * graphs hold, is mostly cancellation noise (float32 rounds O(1) terms at about 6e-8; gradients of 1e-9 and losses of
 * 1e-3 made by cancelling such terms have been seen), so it is held to 1e-7 absolute.
 * <p>
 * Rounding alone may move an ill-conditioned value further (the gradient of a saturated tanh, 1 - y^2 with y a few
 * ulps from 1, has no correct digits in float32 on either backend: a sum one ulp apart gave 7.2e-7 and 4.8e-7), so
 * an element whose interpreted value moves by more than {@link #TOLERANCE} of itself when every fed float moves by
 * {@link #NUDGE_ULPS} ulps (the most over {@link #NUDGES} such runs: the size of the rounding differences between two
 * summation orders) may also differ by {@link #SENSITIVITY} times that move. A well-conditioned element moves by about
 * 1e-6 of its magnitude there, and is held to the tolerance alone.
 */
public final class Differential {
    public static final double TOLERANCE = 1e-5;
    static final double FLOOR = 1e-2;
    static final int NUDGES = 3;
    static final int NUDGE_ULPS = 8;
    static final double SENSITIVITY = 4;

    private Differential() {
    }

    /** A run's outputs, and the parameters and state it updated, by name. */
    private record Results(Map<String, Tensor> outputs, Map<String, Tensor> updated) {
    }

    /** @param context what to print on failure (the seed, the model) */
    public static void assertSameResults(Graph graph, long seed, String context) {
        Map<String, Tensor> start = new HashMap<>(RandomFeeds.inputs(graph, seed));
        start.putAll(Parameters.initialize(graph, seed));
        Executable interpreter = new Interpreter().prepare(graph);
        Results expected = interpret(graph, interpreter, copies(start));
        List<Results> nudged = new ArrayList<>();
        for (int r = 0; r < NUDGES; r++) {
            nudged.add(interpret(graph, interpreter, nudge(copies(start), new Random(seed * NUDGES + r))));
        }
        Map<String, Tensor> compiled = copies(start);
        try (CompiledStep step = CompiledBackend.compile(graph)) {
            step.bind(compiled);
            step.run();
            expected.outputs().forEach((name, t) -> compare(t, step.output(name),
                    nudged.stream().map(n -> n.outputs().get(name)).toList(), context + ", output " + name));
        }
        expected.updated().forEach((name, t) -> compare(t, compiled.get(name),
                nudged.stream().map(n -> n.updated().get(name)).toList(), context + ", updated " + name));
    }

    private static Results interpret(Graph graph, Executable interpreter, Map<String, Tensor> feeds) {
        Map<String, Tensor> outputs = interpreter.run(feeds);
        Map<String, Tensor> updated = new HashMap<>();
        for (String name : graph.updates().keySet()) {
            updated.put(name, feeds.get(name));
        }
        return new Results(outputs, updated);
    }

    /** Every f32 element {@link #NUDGE_ULPS} ulps up or down, at random. */
    private static Map<String, Tensor> nudge(Map<String, Tensor> feeds, Random random) {
        for (Tensor t : feeds.values()) {
            if (t.dtype() == DType.F32) {
                float[] v = t.floats();
                for (int i = 0; i < v.length; i++) {
                    v[i] += (random.nextBoolean() ? NUDGE_ULPS : -NUDGE_ULPS) * Math.ulp(v[i]);
                }
            }
        }
        return feeds;
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> feeds) {
        Map<String, Tensor> out = new HashMap<>();
        feeds.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    private static void compare(Tensor expected, Tensor actual, List<Tensor> nudged, String what) {
        double scale = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        double allowed = TOLERANCE * Math.max(scale, FLOOR);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (Double.isNaN(e) != Double.isNaN(a) || (Double.isInfinite(e) && e != a)) {
                fail(what + ": element " + i + " is " + a + ", interpreter " + e);
            }
            if (!Double.isFinite(e)) {
                continue;
            }
            double moved = 0;
            for (Tensor n : nudged) {
                double v = n.getDouble(i);
                moved = Double.isFinite(v) ? Math.max(moved, Math.abs(v - e)) : moved;
            }
            // only where rounding alone moves the element by more than the tolerance, relative to the element itself
            double sensitive = moved > TOLERANCE * Math.abs(e) ? SENSITIVITY * moved : 0;
            if (Math.abs(a - e) > allowed + sensitive) {
                fail(what + ": element " + i + " is " + a + ", interpreter " + e + " (the tensor's largest magnitude "
                        + scale + "; nudging the inputs moves it by " + moved + ")");
            }
        }
    }
}
