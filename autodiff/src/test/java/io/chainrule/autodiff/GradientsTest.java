package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientsTest {

    private static Graph perceptron() {
        GraphBuilder g = new GraphBuilder("perceptron");
        Value x = g.input("x", DType.F32, 4, 2);
        Value w = g.parameter("w", new Initializer.Zeros(), 1, 2);
        Value out = x.matmul(w, false, true).step().named("yhat");
        g.output("loss", out.sum());
        return g.build();
    }

    @Test
    void aNonScalarLossIsRejected() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 3);
        Value w = g.parameter("w", new Initializer.Zeros(), 3);
        g.output("loss", x.mul(w).named("prod"));
        GraphException e = assertThrows(GraphException.class, () -> Gradients.of(g.build(), "loss"));
        assertEquals("loss loss (%2 mul) must be a scalar to differentiate, got f32[3]; reduce it first (sum or mean)",
                e.getMessage());
    }

    @Test
    void aGradientWithRespectToAMissingNodeIsRejected() {
        Graph g = perceptron();
        GraphException e = assertThrows(GraphException.class,
                () -> Gradients.of(g, "loss", new Gradients.Options(List.of("fc9.weight"), false)));
        assertEquals("gradient with respect to 'fc9.weight': no such node in graph perceptron", e.getMessage());
        e = assertThrows(GraphException.class, () -> Gradients.of(g, "nope"));
        assertEquals("graph perceptron has no output 'nope' (outputs: [loss])", e.getMessage());
    }

    @Test
    void ops_without_gradient_fail_unless_zero_gradients_are_allowed() {
        Graph g = perceptron();
        GraphException e = assertThrows(GraphException.class, () -> Gradients.of(g, "loss"));
        assertTrue(e.getMessage().startsWith("cannot differentiate through step yhat at GradientsTest.java:"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(": it has no gradient; allow zero gradients to treat it as 0"));
        Graph zero = Gradients.of(g, "loss", new Gradients.Options(List.of(), true));
        Node grad = zero.output(Gradients.outputName("w"));
        assertEquals(OpCode.CONSTANT, grad.op());
        assertEquals("f32[1,2]", grad.type().toString());
    }

    @Test
    void backwardNodesNameTheForwardNodeTheyCameFrom() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 2, 3);
        Value w = g.parameter("w", new Initializer.Zeros(), 3, 1);
        g.output("loss", x.matmul(w).tanh().sum());
        Graph grad = Gradients.of(g.build(), "loss");
        for (Node n : grad.nodes().subList(g.size(), grad.size())) {
            assertTrue(n.origin().matches("grad of %\\d+"), n.origin());
        }
    }

    @Test
    void fanOutAccumulatesAndBroadcastOperandsAreSummedBack() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 4, 3);
        Value b = g.parameter("b", new Initializer.Zeros(), 3);
        Value s = x.add(b);
        g.output("loss", s.mul(s).add(b.sum()).sum());
        Graph grad = Gradients.of(g.build(), "loss");
        assertEquals("f32[3]", grad.output("b.grad").type().toString());
    }

    @Test
    void gradientsOfGradientsAreGraphsToo() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F64, 2, 3);
        Value w = g.parameter("w", new Initializer.Normal(0, 1), DType.F64, 3, 1);
        g.output("loss", x.matmul(w).relu().square().mean());
        Graph first = Gradients.of(g.build(), "loss");
        GraphBuilder b = GraphBuilder.extend(first);
        b.output("gnorm", b.value(first.output("w.grad").id()).square().sum());
        Graph second = Gradients.of(b.build(), "gnorm");
        assertEquals("f64[3,1]", second.output("w.grad.gnorm").type().toString());
        assertEquals("w.grad.gnorm", Gradients.outputName(b.build(), "gnorm", "w"));
    }

    @Test
    void aTrainingGraphUpdatesFromTheRealGradientWhenAnOutputIsAlreadyNamedLikeIt() {
        GraphBuilder g = new GraphBuilder("g");
        Value w = g.parameter("w", new Initializer.Zeros(), 2);
        g.output("loss", w.square().sum());
        g.output("w.grad", w.mul(100));
        Graph train = TrainingGraph.build(g.build(), "loss", Sgd.of(0.1));
        Node update = train.node(train.updates().get("w"));
        assertTrue(train.outputs().containsKey("w.grad"), "the user's output stays");
        assertTrue(update.origin().startsWith("update sgd w"), update.toString());
        Node scaled = train.node(update.input(1));
        assertEquals(OpCode.MUL, scaled.op());
        assertTrue(train.node(scaled.input(0)).origin().startsWith("grad of"), train.toString());
    }
}
