package io.chainrule.autodiff;

import io.chainrule.ir.Node;
import io.chainrule.ir.Origin;
import java.util.OptionalInt;

/**
 * Which pass made a node, read from its typed {@link Origin}: a backward node's is the forward node it came from, an
 * optimizer node's an update, and everything else is the user's forward graph.
 */
public enum Provenance {
    FORWARD, BACKWARD, UPDATE;

    /** Which pass made {@code node}. */
    public static Provenance of(Node node) {
        if (node.provenance() instanceof Origin.GradientOf) {
            return BACKWARD;
        }
        return node.provenance() instanceof Origin.Update ? UPDATE : FORWARD;
    }

    /** The forward node a backward node came from; empty for other nodes, or once a pass removed that node. */
    public static OptionalInt forwardNode(Node node) {
        return node.provenance() instanceof Origin.GradientOf g && g.forward() >= 0 ? OptionalInt.of(g.forward())
                : OptionalInt.empty();
    }

    static Origin gradOf(int forwardId) {
        return new Origin.GradientOf(forwardId);
    }
}
