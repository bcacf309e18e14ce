package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;

/**
 * Rebuilds a graph node by node through a {@link Rule} that may replace a node by another value; the engine of the
 * {@link Simplifier}'s rounds. Every rebuilt node goes through the builder again, so a pass cannot produce an
 * ill-typed graph. Nodes keep their names and origins; nodes a rule creates inherit the origin of the node replaced.
 */
final class GraphRewriter {
    private GraphRewriter() {
    }

    /** Returns a replacement for {@code node}, whose inputs are already rewritten to {@code in}, or null to keep it. */
    interface Rule {
        Value rewrite(Node node, Value[] in, GraphBuilder b);
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
            Value replaced = b.withOrigin(n.origin(), () -> rule.rewrite(n, in, b));
            map[n.id()] = replaced != null ? replaced : copy(n, in, b);
        }
        graph.outputs().forEach((name, id) -> b.output(name, map[id]));
        graph.updates().forEach((name, id) -> b.update(name, map[id]));
        return b.build();
    }

    static Value copy(Node n, Value[] in, GraphBuilder b) {
        if (n.op().kind() == OpCode.Kind.SOURCE) {
            return b.source(n.op(), n.attrs(), n.type(), n.name(), n.origin());
        }
        return b.applyAt(n.op(), n.attrs(), n.name(), n.origin(), in);
    }
}
