package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.text.DotPrinter;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void dotColoursEachBackwardNodeAsTheForwardNodeItCameFrom() {
        Graph g = Simplifier.simplify(Gradients.of(SimplifierTest.mlp(), "loss"));
        String dot = DotPrinter.print(g, BackwardStyle.byForwardNode(g));
        Set<String> forwardOpColours = new HashSet<>();
        int backward = 0;
        for (Node n : g.nodes()) {
            String line = nodeLine(dot, n);
            switch (Provenance.of(n)) {
                case FORWARD -> {
                    if (n.op().kind() == OpCode.Kind.SOURCE) {
                        assertEquals(DotPrinter.defaultStyle(n).fillColor(), fill(line), line);
                    } else {
                        assertTrue(forwardOpColours.add(fill(line)), "a second forward op in " + fill(line));
                    }
                }
                case BACKWARD -> {
                    backward++;
                    Node from = g.node(Provenance.forwardNode(n).orElseThrow());
                    assertEquals(fill(nodeLine(dot, from)), fill(line), line + " (from " + from.label() + ")");
                    assertTrue(line.contains("style=\"rounded,filled,dashed\"")
                            || line.contains("style=\"filled,dashed\""), line);
                }
                case UPDATE -> throw new AssertionError("no update in a gradient graph: " + line);
            }
        }
        // the MLP's 11 forward ops: flatten, 3 x (matmul, bias add), 2 relu, log-softmax, cross-entropy
        assertEquals(11, forwardOpColours.size());
        assertTrue(backward > 10, "backward nodes: " + backward);
        assertFalse(dot.contains("mistyrose"));
    }

    private static String nodeLine(String dot, Node n) {
        return dot.lines().filter(l -> l.startsWith("  n" + n.id() + " [")).findFirst().orElseThrow();
    }

    private static String fill(String line) {
        Matcher m = Pattern.compile("fillcolor=\"([^\"]+)\"").matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }
}
