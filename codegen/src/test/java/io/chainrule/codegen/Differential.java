package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import io.chainrule.ir.Graph;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a graph on both backends from the same start and compares every output and every updated parameter and state:
 * the worst difference over the largest magnitude of the interpreter's tensor must stay under {@link #TOLERANCE}.
 * Magnitudes under {@link #FLOOR} count as the floor: a float32 value that small, computed from the O(1) values these
 * graphs hold, is mostly cancellation noise (float32 rounds O(1) terms at about 6e-8; gradients of 1e-9 and losses of
 * 1e-3 made by cancelling such terms have been seen), so it is held to 1e-7 absolute.
 */
public final class Differential {
    public static final double TOLERANCE = 1e-5;
    static final double FLOOR = 1e-2;

    private Differential() {
    }

    /** @param context what to print on failure (the seed, the model) */
    public static void assertSameResults(Graph graph, long seed, String context) {
        Map<String, Tensor> start = new HashMap<>(RandomFeeds.inputs(graph, seed));
        start.putAll(Parameters.initialize(graph, seed));
        Map<String, Tensor> interpreted = copies(start);
        Map<String, Tensor> compiled = copies(start);
        Map<String, Tensor> expected = new Interpreter().prepare(graph).run(interpreted);
        CompiledStep step = CompiledBackend.compile(graph);
        step.bind(compiled);
        step.run();
        expected.forEach((name, t) -> compare(t, step.output(name), context + ", output " + name));
        for (String updated : graph.updates().keySet()) {
            compare(interpreted.get(updated), compiled.get(updated), context + ", updated " + updated);
        }
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> feeds) {
        Map<String, Tensor> out = new HashMap<>();
        feeds.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    static void compare(Tensor expected, Tensor actual, String what) {
        double scale = 0;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (Double.isNaN(e) != Double.isNaN(a) || (Double.isInfinite(e) && e != a)) {
                fail(what + ": element " + i + " is " + a + ", interpreter " + e);
            }
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
                if (Math.abs(a - e) > worst) {
                    worst = Math.abs(a - e);
                    at = i;
                }
            }
        }
        if (worst > TOLERANCE * Math.max(scale, FLOOR)) {
            fail(what + ": element " + at + " is " + actual.getDouble(at) + ", interpreter " + expected.getDouble(at)
                    + " (relative to the tensor's largest magnitude " + scale + ": " + worst / scale + ")");
        }
    }
}
