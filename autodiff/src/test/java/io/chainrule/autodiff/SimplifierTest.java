package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimplifierTest {

    static Graph mlp() {
        GraphBuilder g = new GraphBuilder("mnist_mlp");
        Value x = g.input("x", DType.F32, 100, 1, 28, 28);
        Value y = g.input("y", DType.I32, 100);
        Value logProbs = new Sequential(new Flatten(), new Linear("fc1", 784, 120), Value::relu,
                new Linear("fc2", 120, 84), Value::relu, new Linear("out", 84, 10), v -> v.logSoftmax(1)).apply(x);
        g.output("loss", logProbs.crossEntropy(y));
        return g.build();
    }

    private static long count(Graph g, String originPrefix) {
        return g.nodes().stream().filter(n -> n.origin() != null && n.origin().startsWith(originPrefix)).count();
    }

    @Test
    void theMlpTrainingGraphHasNoDeadNodesAndNoDuplicates() {
        Graph forward = mlp();
        Graph raw = Gradients.of(forward, "loss");
        Graph simplified = Simplifier.simplify(raw);
        assertTrue(simplified.size() < raw.size(), raw.size() + " -> " + simplified.size());
        assertEquals(simplified, Simplifier.round(simplified));
        boolean[] live = DeadCodeElimination.live(simplified);
        for (Node n : simplified.nodes()) {
            assertTrue(live[n.id()], () -> "dead " + n);
        }
        assertNoDuplicateSubexpressions(simplified);
        assertEquals(19, forward.size());
        assertEquals(45, raw.size());
        assertEquals(40, simplified.size());

        Graph train = TrainingGraph.build(forward, "loss", Adam.defaults());
        assertEquals(train, Simplifier.simplify(train));
        assertNoDuplicateSubexpressions(train);
        long backward = count(train, "grad of ");
        long update = count(train, "update ");
        assertEquals(forward.size(), train.size() - backward - update);
        assertEquals(22, backward);
        assertEquals(111, update);
    }

    private static void assertNoDuplicateSubexpressions(Graph g) {
        Set<List<Object>> seen = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.op() != OpCode.INPUT && n.op() != OpCode.PARAMETER && n.op() != OpCode.STATE) {
                assertTrue(seen.add(List.of(n.op(), n.attrs(), n.inputs(), n.type())), "duplicate " + n);
            }
        }
    }

    @Test
    void identitiesFoldAway() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 3, 4);
        Value y = x.mul(1).add(0).div(1).sub(0).neg().neg().transpose().transpose().reshape(12).reshape(3, 4);
        g.output("y", y);
        Graph s = Simplifier.simplify(g.build());
        assertEquals(1, s.size(), s.toString());
        assertEquals(0, s.outputs().get("y"));
    }

    @Test
    void broadcastingByAnIdentityIsKept() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 3);
        g.output("y", x.add(g.constant(io.chainrule.ir.TensorType.of(DType.F32, 2, 3), 0)));
        Graph s = Simplifier.simplify(g.build());
        assertEquals("f32[2,3]", s.output("y").type().toString());
    }

    @Test
    void constantsFoldInTheirDtype() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 2);
        Value c = g.constant(1, DType.F32).div(g.constant(3, DType.F32));
        g.output("y", x.mul(c));
        Graph s = Simplifier.simplify(g.build());
        Node folded = s.node(s.output("y").input(1));
        assertEquals(OpCode.CONSTANT, folded.op());
        assertEquals((double) (1f / 3f), folded.attrs(io.chainrule.ir.Attrs.Constant.class).values()[0]);
    }

    @Test
    void matmulReadsATransposedOperandInPlace() {
        GraphBuilder g = new GraphBuilder("g");
        Value a = g.input("a", DType.F32, 3, 2);
        Value b = g.input("b", DType.F32, 3, 4);
        g.output("y", a.transpose().matmul(b));
        Graph s = Simplifier.simplify(g.build());
        Node mm = s.output("y");
        assertEquals(OpCode.MATMUL, mm.op());
        assertEquals(List.of(0, 1), mm.inputs());
        assertEquals(new io.chainrule.ir.Attrs.MatMul(true, false), mm.attrs());
    }
}
