package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.Simplifier;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Compiled against interpreted on hundreds of random graphs a run: forward outputs, gradients, and the parameters and
 * state a training step updates. The seeds start at a random base each run (printed on failure; set
 * {@code -Dchainrule.seed=N} to replay). Adam runs with eps 1e-3: a gradient that is pure cancellation noise (1e-9,
 * differing between backends in its last bits) would otherwise be normalized into a full step of +-lr either way.
 */
class RandomGraphDifferentialTest {
    static final int GRAPHS = 500;

    /** -Dchainrule.seed, else random; a value that is not a number fails rather than silently running random. */
    static long baseSeed() {
        String replay = System.getProperty("chainrule.seed");
        return replay == null ? System.nanoTime() & 0xffffffffL : Long.parseLong(replay.strip());
    }

    /** {@code count} seeds from {@code base} on; any long is a seed, and they wrap past Long.MAX_VALUE. */
    static long[] seeds(long base, int count) {
        return LongStream.range(0, count).map(i -> base + i).toArray();
    }

    @Test
    void compiledEqualsInterpretedOnRandomGraphs() {
        for (long seed : seeds(baseSeed(), GRAPHS)) {
            check(seed);
        }
    }

    @Test
    void everyLongIsASeed() {
        assertEquals(Long.MIN_VALUE, seeds(Long.MAX_VALUE, 2)[1]);
        for (long seed : new long[] {-1, -2, -3, Long.MIN_VALUE, Long.MAX_VALUE}) {
            check(seed);
        }
    }

    private static void check(long seed) {
        String context = "random graph seed " + seed + " (replay with -Dchainrule.seed=" + seed + ")";
        try {
            Graph forward = RandomGraphs.forward(seed);
            Gradients.Options zeroThroughSteps = new Gradients.Options(List.of(), true);
            Graph graph = switch ((int) Math.floorMod(seed, 3L)) {
                case 0 -> forward;
                case 1 -> Simplifier.simplify(Gradients.of(forward, "loss", zeroThroughSteps));
                default -> TrainingGraph.build(forward, "loss", seed % 2 == 0
                        ? new Adam(0.01, 0.9, 0.999, 1e-3, 0, false) : Sgd.momentum(0.1, 0.9), zeroThroughSteps);
            };
            Differential.assertSameResults(graph, seed, context);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(context + ": " + e.getMessage(), e);
        }
    }
}
