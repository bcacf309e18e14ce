package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Value;

/**
 * The simplification run after differentiation, to a fixed point. Each round is one rebuild of the graph's live
 * nodes ({@link DeadCodeElimination}), in order, where each node is folded to a constant ({@link ConstantFolding}),
 * else reduced to a value it equals ({@link AlgebraicIdentities}), else merged with an equal node already built
 * ({@link CommonSubexpressions}, which also makes the backward pass reuse forward values): the rules composed into one
 * pass, rather than one rebuild per rule.
 */
public final class Simplifier {
    private static final int MAX_ROUNDS = 20;

    private Simplifier() {
    }

    public static Graph simplify(Graph graph) {
        Graph current = graph;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Graph next = round(current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    /** One rebuild with every rule; nodes it leaves unused go in the next round. */
    static Graph round(Graph graph) {
        CommonSubexpressions merged = new CommonSubexpressions();
        return GraphRewriter.rewrite(graph, DeadCodeElimination.live(graph), (n, in, b, origin) -> {
            Double folded = ConstantFolding.fold(n, in);
            if (folded != null) {
                return merged.constant(n.type(), folded, b);
            }
            Value same = AlgebraicIdentities.simplify(n, in);
            return same != null ? same : merged.merge(n, in, b, origin);
        });
    }
}
