package io.chainrule.runtime;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.Optional;

/**
 * Finds where a NaN or an infinity came from, as torch.autograd.detect_anomaly does: runs the graph on the
 * interpreter and returns the first node, in topological order, whose value is not finite although every value it
 * reads is (so a NaN fed in is reported as the input that holds it).
 */
public final class NonFiniteCheck {
    private NonFiniteCheck() {
    }

    /** A description such as {@code %12 log (at Models.java:40): 3 of 1200 elements NaN or infinite}, if any. */
    public static Optional<String> firstProducer(Graph graph, java.util.Map<String, Tensor> feeds) {
        Tensor[] values = Interpreter.values(graph, feeds);
        for (Node n : graph.nodes()) {
            int bad = nonFinite(values[n.id()]);
            if (bad > 0 && n.inputs().stream().allMatch(in -> nonFinite(values[in]) == 0)) {
                return Optional.of(n.ref() + " " + n.op().text() + (n.name() != null ? " " + n.name() : "")
                        + (n.origin() != null ? " (at " + n.origin() + ")" : "") + ": " + bad + " of "
                        + values[n.id()].size() + " elements NaN or infinite");
            }
        }
        return Optional.empty();
    }

    static int nonFinite(Tensor t) {
        if (!t.dtype().isFloating()) {
            return 0;
        }
        int bad = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!Double.isFinite(t.getDouble(i))) {
                bad++;
            }
        }
        return bad;
    }
}
