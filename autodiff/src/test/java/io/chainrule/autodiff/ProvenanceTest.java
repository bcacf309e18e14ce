package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Origin;
import io.chainrule.ir.Value;
import io.chainrule.ir.text.TextParser;
import io.chainrule.ir.text.TextPrinter;
import org.junit.jupiter.api.Test;

/** Typed provenance: which pass made a node, and a backward node's forward node, kept right through renumbering. */
class ProvenanceTest {

    /** A graph whose first computed node is dead, so that the simplifier renumbers every node after it. */
    private static Graph withADeadNode() {
        GraphBuilder b = new GraphBuilder("renumbered");
        Value x = b.parameter("x", new io.chainrule.ir.Initializer.Uniform(-1, 1), DType.F64, 3);
        x.exp();
        b.output("loss", x.tanh().sum());
        return b.build();
    }

    @Test
    void aBackwardNodesForwardNodeFollowsTheRenumbering() {
        Graph g = Simplifier.simplify(Gradients.of(withADeadNode(), "loss"));
        Node tanh = g.nodes().stream().filter(n -> n.op() == OpCode.TANH).findFirst().orElseThrow();
        assertEquals(1, tanh.id(), "the dead exp is gone, so tanh moved from %2 to %1");
        int readers = 0;
        for (Node n : g.nodes()) {
            if (Provenance.of(n) == Provenance.BACKWARD && n.inputs().contains(tanh.id())) {
                readers++;
                assertEquals(tanh.id(), Provenance.forwardNode(n).orElseThrow(), () -> n + " in\n" + g);
            }
        }
        assertTrue(readers > 0, "tanh's gradient reads its output");
    }

    @Test
    void originsAreTypedAndReadBackFromTheirText() {
        Graph g = Simplifier.simplify(TrainingGraph.build(withADeadNode(), "loss", Sgd.of(0.1)));
        long updates = g.nodes().stream().filter(n -> n.provenance() instanceof Origin.Update).count();
        assertEquals(updates, g.nodes().stream().filter(n -> Provenance.of(n) == Provenance.UPDATE).count());
        assertTrue(updates > 0);
        assertEquals(g, TextParser.parse(TextPrinter.print(g)));
        assertEquals(new Origin.GradientOf(7), Origin.parse("grad of %7"));
        assertEquals(new Origin.GradientOf(-1), Origin.parse("grad of a removed node"));
        assertEquals(new Origin.Update("adam fc1.weight"), Origin.parse("update adam fc1.weight"));
        assertEquals(new Origin.Source("Models.java:42"), Origin.parse("Models.java:42"));
    }
}
