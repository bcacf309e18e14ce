package io.chainrule.runtime;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Fresh parameter and state tensors for a graph, drawn from each one's {@link io.chainrule.ir.Initializer}: the
 * persistent tensors a training step reads and updates.
 */
public final class Parameters {
    private Parameters() {
    }

    /**
     * Every parameter, then every state, of {@code graph} by name, in node order, sampled one after another from one
     * generator seeded with {@code seed}: the same graph and seed give bit-identical tensors, and a training graph's
     * parameters start as its forward graph's do. Values are drawn in double and rounded once for f32 tensors.
     */
    public static Map<String, Tensor> initialize(Graph graph, long seed) {
        // SplittableRandom: a documented algorithm in java.base, not an implementation choice that may change.
        RandomGenerator rng = new SplittableRandom(seed);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Node p : java.util.stream.Stream.concat(graph.parameters().stream(), graph.states().stream()).toList()) {
            Tensor t = Tensor.zeros(p.type());
            double[] values = p.attrs(Attrs.Init.class).init().sample(t.size(), rng);
            for (int i = 0; i < values.length; i++) {
                t.setDouble(i, values[i]);
            }
            params.put(p.name(), t);
        }
        return params;
    }
}
