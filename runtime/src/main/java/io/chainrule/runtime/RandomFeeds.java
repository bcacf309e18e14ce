package io.chainrule.runtime;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random values for a graph's inputs, for gradient checks, benchmarks and differential tests: floating inputs
 * uniform in [0, 1) (pixels, targets and probabilities alike), integer inputs valid labels for the ops that read them.
 */
public final class RandomFeeds {
    private RandomFeeds() {
    }

    public static Map<String, Tensor> inputs(Graph graph, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (Node in : graph.inputs()) {
            Tensor t = Tensor.zeros(in.type());
            int bound = in.dtype().isFloating() ? 0 : classes(graph, in);
            for (int i = 0; i < t.size(); i++) {
                t.setDouble(i, bound == 0 ? rng.nextDouble() : rng.nextInt(bound));
            }
            feeds.put(in.name(), t);
        }
        return feeds;
    }

    /** The class count of the first op reading labels {@code in}; 2 when nothing says. */
    private static int classes(Graph graph, Node in) {
        for (Node n : graph.nodes()) {
            if (!n.inputs().contains(in.id())) {
                continue;
            }
            if (n.op() == OpCode.ONE_HOT) {
                return n.attrs(io.chainrule.ir.Attrs.OneHot.class).classes();
            }
            if (n.op() == OpCode.CROSS_ENTROPY || n.op() == OpCode.NLL_LOSS || n.op() == OpCode.GATHER) {
                return graph.node(n.input(0)).shape().dim(1);
            }
        }
        return 2;
    }
}
