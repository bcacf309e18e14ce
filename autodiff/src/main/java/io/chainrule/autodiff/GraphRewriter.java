package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Origin;
import io.chainrule.ir.Value;

/**
 * Rebuilds a graph node by node through a {@link Rule} that may replace a node by another value; the engine of the
 * {@link Simplifier}'s rounds. Every rebuilt node goes through the builder again, so a pass cannot produce an
 * ill-typed graph. Nodes keep their names and origins, a backward node's forward node renumbered to its new id;
 * nodes a rule creates inherit the origin of the node replaced.
 */
final class GraphRewriter {
    private GraphRewriter() {
    }

    /**
     * Returns a replacement for {@code node}, whose inputs are already rewritten to {@code in} and whose origin is
     * renumbered to {@code origin}, or null to keep it.
     */
    interface Rule {
        Value rewrite(Node node, Value[] in, GraphBuilder b, Origin origin);
    }

    /** @param keep which nodes to rebuild; the others must be unused by the kept ones */
    static Graph rewrite(Graph graph, boolean[] keep, Rule rule) {
        GraphBuilder b = new GraphBuilder(graph.name());
        Value[] map = new Value[graph.size()];
        for (Node n : graph.nodes()) {
            if (!keep[n.id()]) {
                continue;
            }
            Value[] in = n.inputs().stream().map(i -> map[i]).toArray(Value[]::new);
            Origin origin = renumbered(n, map);
            Value replaced = b.withOrigin(origin, () -> rule.rewrite(n, in, b, origin));
            map[n.id()] = replaced != null ? replaced : copy(n, in, b, origin);
        }
        graph.outputs().forEach((name, id) -> b.output(name, map[id]));
        graph.updates().forEach((name, id) -> b.update(name, map[id]));
        return b.build();
    }

    /** {@code n} rebuilt from {@code in} with {@code origin} (its own, renumbered). */
    static Value copy(Node n, Value[] in, GraphBuilder b, Origin origin) {
        if (n.op().kind() == OpCode.Kind.SOURCE) {
            return b.copySource(n.op(), n.attrs(), n.type(), n.name(), origin);
        }
        return b.copyApply(n.op(), n.attrs(), n.name(), origin, in);
    }

    /** {@code n}'s origin in the graph being built, where old node i is now {@code map[i]} (null: gone). */
    static Origin renumbered(Node n, Value[] map) {
        return n.provenance() == null ? null : n.provenance().renumbered(i -> map[i] == null ? -1 : map[i].id());
    }
}
