package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The simplification pipeline run after differentiation, to a fixed point: constant folding, algebraic identities,
 * common-subexpression elimination (which also makes the backward pass reuse forward values), dead-code elimination.
 */
public final class Simplifier {
    private static final List<UnaryOperator<Graph>> PASSES = List.of(ConstantFolding::run, AlgebraicIdentities::run,
            CommonSubexpressions::run, DeadCodeElimination::run);
    private static final int MAX_ROUNDS = 20;

    private Simplifier() {
    }

    public static Graph simplify(Graph graph) {
        Graph current = graph;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Graph next = current;
            for (UnaryOperator<Graph> pass : PASSES) {
                next = pass.apply(next);
            }
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }
}
