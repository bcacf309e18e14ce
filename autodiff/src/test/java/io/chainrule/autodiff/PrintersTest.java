package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.text.DotPrinter;
import org.junit.jupiter.api.Test;

class PrintersTest {

    @Test
    void sideBySideRowsPairEachForwardNodeWithItsGradient() {
        Graph train = TrainingGraph.build(SimplifierTest.mlp(), "loss", Adam.defaults());
        String text = SideBySidePrinter.print(train);
        String fc1Row = text.lines().filter(l -> l.contains("%4 fc1:f32[100,120] = matmul")).findFirst().orElseThrow();
        assertTrue(fc1Row.matches(".*\\| %\\d+:f32\\[120,784\\] = matmul %\\d+, %2 \\{transpose_a=true.*"), fc1Row);
        assertTrue(text.contains("  # update\n"));
        assertTrue(text.contains("  update fc1.weight <- %"));
        assertTrue(text.endsWith("  outputs loss=%18\n}\n"), text);
    }

    @Test
    void dotColoursBackwardAndUpdateNodesApart() {
        Graph train = TrainingGraph.build(SimplifierTest.mlp(), "loss", Sgd.of(0.1));
        String dot = DotPrinter.print(train, BackwardStyle::of);
        long rose = dot.lines().filter(l -> l.contains("fillcolor=\"mistyrose\"")).count();
        long lavender = dot.lines().filter(l -> l.contains("fillcolor=\"lavender\"")).count();
        long backward = train.nodes().stream().filter(n -> Provenance.of(n) == Provenance.BACKWARD).count();
        long update = train.nodes().stream().filter(n -> Provenance.of(n) == Provenance.UPDATE).count();
        assertEquals(backward, rose);
        assertEquals(update, lavender);
        assertTrue(backward > 10 && update > 10);
        Node fc1 = train.find("fc1").orElseThrow();
        assertEquals(Provenance.FORWARD, Provenance.of(fc1));
    }
}
