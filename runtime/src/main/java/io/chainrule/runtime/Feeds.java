package io.chainrule.runtime;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check every backend makes before a run: feeds bind exactly the graph's inputs, parameters and state, type for
 * type.
 */
public final class Feeds {
    private Feeds() {
    }

    /** Fails with one line naming the first missing, mistyped or unknown feed. */
    public static void check(Graph graph, Map<String, Tensor> feeds) {
        List<Node> sources = graph.nodes().stream()
                .filter(Feeds::isFed)
                .toList();
        for (Node n : sources) {
            Tensor t = feeds.get(n.name());
            if (t == null) {
                throw new IllegalArgumentException("graph " + graph.name() + ": no feed for " + n.op().text() + " "
                        + n.name() + ": " + n.type());
            }
            if (!t.type().equals(n.type())) {
                throw new IllegalArgumentException("graph " + graph.name() + ": feed for " + n.op().text() + " "
                        + n.name() + " is " + t.type() + ", expected " + n.type());
            }
        }
        Set<String> names = sources.stream().map(Node::name).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : feeds.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("graph " + graph.name() + ": feed '" + name
                        + "' is not an input, parameter or state (those are " + String.join(", ", names) + ")");
            }
        }
    }

    /** Whether a node's value comes from the feeds: inputs, parameters and state. */
    public static boolean isFed(Node node) {
        return node.op() == OpCode.INPUT || node.op() == OpCode.PARAMETER || node.op() == OpCode.STATE;
    }
}
