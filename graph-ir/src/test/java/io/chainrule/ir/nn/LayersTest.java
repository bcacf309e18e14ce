package io.chainrule.ir.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.ShapeException;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;

class LayersTest {

    /** The lesson's MultilayerPerceptron, as a user writes it. */
    static Graph mlp(int batch) {
        GraphBuilder g = new GraphBuilder("mnist_mlp");
        Value x = g.input("x", DType.F32, batch, 1, 28, 28);
        Value y = g.input("y", DType.I32, batch);
        Layer model = new Sequential(new Flatten(),
                new Linear("fc1", 784, 120), Value::relu,
                new Linear("fc2", 120, 84), Value::relu,
                new Linear("out", 84, 10), v -> v.logSoftmax(1));
        g.output("loss", model.apply(x).crossEntropy(y));
        return g.build();
    }

    @Test
    void linearLayersArePyTorchShapedAndNamed() {
        Graph g = mlp(100);
        assertEquals("[fc1.weight:f32[120,784], fc1.bias:f32[120], fc2.weight:f32[84,120], fc2.bias:f32[84], "
                        + "out.weight:f32[10,84], out.bias:f32[10]]",
                g.parameters().stream().map(n -> n.name() + ":" + n.type()).toList().toString());
        int count = g.parameters().stream().mapToInt(n -> n.shape().size()).sum();
        assertEquals(784 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10, count);
        Node fc1 = g.find("fc1").orElseThrow();
        assertEquals("matmul", fc1.op().text());
        assertEquals(new Initializer.LinearDefault(784), ((io.chainrule.ir.Attrs.Init) g.find("fc1.bias")
                .orElseThrow().attrs()).init());
        assertEquals("f32[]", g.output("loss").type().toString());
    }

    @Test
    void aLinearOfTheWrongWidthFailsAtItsMatmul() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 100, 120);
        ShapeException e = assertThrows(ShapeException.class, () -> new Linear("fc2", 84, 10).apply(x));
        assertEquals("matmul fc2: [100,120] x [10,84]^T: inner dimensions 120 and 84 differ", e.getMessage());
    }

    @Test
    void linearFollowsTheInputDtypeAndCanDropTheBias() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F64, 3, 2);
        Value y = new Linear("l", 2, 5, false).apply(x);
        assertEquals("f64[3,5]", y.node().type().toString());
        assertEquals("matmul", y.node().op().text());
        g.output("y", y);
        assertEquals(1, g.build().parameters().size());
    }
}
