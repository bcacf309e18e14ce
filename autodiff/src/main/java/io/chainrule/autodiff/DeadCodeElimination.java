package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;

/**
 * Drops nodes that no output or update needs. Inputs, parameters and state stay: they are the graph's interface,
 * and a caller feeding them must not find them gone. One of the {@link Simplifier}'s rules: the nodes a round
 * rebuilds.
 */
final class DeadCodeElimination {
    private DeadCodeElimination() {
    }

    /** Which nodes an output or update needs, and the interface nodes. */
    static boolean[] live(Graph graph) {
        boolean[] live = new boolean[graph.size()];
        graph.outputs().values().forEach(id -> live[id] = true);
        graph.updates().values().forEach(id -> live[id] = true);
        for (int id = graph.size() - 1; id >= 0; id--) {
            Node n = graph.node(id);
            boolean iface = n.op() == OpCode.INPUT || n.op() == OpCode.PARAMETER || n.op() == OpCode.STATE;
            live[id] |= iface;
            if (live[id]) {
                n.inputs().forEach(in -> live[in] = true);
            }
        }
        return live;
    }
}
