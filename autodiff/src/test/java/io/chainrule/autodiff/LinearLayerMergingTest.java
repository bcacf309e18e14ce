package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structure of merged linear layers; their values are checked against the unmerged graph in runtime's tests. */
class LinearLayerMergingTest {

    private static Graph network(Layer... layers) {
        GraphBuilder b = new GraphBuilder("stack");
        Value x = b.input("x", DType.F32, 8, 2);
        return b.output("output", new Sequential(layers).apply(x)).build();
    }

    private static List<Node> matmuls(Graph g) {
        return g.nodes().stream().filter(n -> n.op() == OpCode.MATMUL).toList();
    }

    private static Node named(Graph g, String name) {
        return g.find(name).orElseThrow(() -> new AssertionError("no node " + name + " in\n" + g));
    }

    @Test
    void threeLinearLayersBecomeOneProductOfTheInputWithTheWeightsProduct() {
        Graph merged = LinearLayerMerging.run(network(new Linear("fc1", 2, 5), new Linear("fc2", 5, 4),
                new Linear("fc3", 4, 3)));
        Node product = named(merged, "fc1_to_fc3");
        assertEquals(OpCode.MATMUL, product.op());
        assertEquals("x", merged.node(product.input(0)).name());
        assertEquals(new Attrs.MatMul(false, true), product.attrs());
        // (W3 (W2 W1)), shaped as Linear's weights: [out, in]
        Node weight = named(merged, "fc1_to_fc3.weight");
        assertEquals(product.input(1), weight.id());
        assertEquals(List.of(3, 2), List.of(weight.shape().dim(0), weight.shape().dim(1)));
        assertEquals("fc3.weight", merged.node(weight.input(0)).name());
        Node inner = merged.node(weight.input(1));
        assertEquals(List.of("fc2.weight", "fc1.weight"), inner.inputs().stream().map(i -> merged.node(i).name())
                .toList());
        assertEquals(new Attrs.MatMul(false, false), inner.attrs());
        // one product reads the input; the others, weights and biases: W2 W1, W3 (W2 W1), b1 W2^T, (b1 W2^T + b2) W3^T
        assertEquals(1, matmuls(merged).stream().filter(n -> merged.node(n.input(0)).op() == OpCode.INPUT).count());
        assertEquals(1 + 2 + 2, matmuls(merged).size());
        Node add = merged.output("output");
        assertEquals("fc1_to_fc3.add", add.name());
        assertEquals(List.of(8, 3), List.of(add.shape().dim(0), add.shape().dim(1)));
        assertEquals(named(merged, "fc1_to_fc3.bias").id(), add.input(1));
        assertEquals(6, merged.parameters().size());
        assertTrue(merged.find("fc2").isEmpty() && merged.find("fc2.add").isEmpty(), merged.toString());
    }

    @Test
    void aNonlinearityEndsAChain() {
        Graph merged = LinearLayerMerging.run(network(new Linear("fc1", 2, 5), Activation.RELU,
                new Linear("fc2", 5, 4), new Linear("fc3", 4, 3), Activation.TANH, new Linear("fc4", 3, 2)));
        assertTrue(merged.find("fc1").isPresent() && merged.find("fc4").isPresent());
        Node product = named(merged, "fc2_to_fc3");
        assertEquals(OpCode.RELU, merged.node(product.input(0)).op());
        // fc1, fc2_to_fc3 and fc4 read activations; W3 W2 and b2 W3^T read parameters
        assertEquals(3 + 2, matmuls(merged).size(), merged.toString());
        assertEquals(3, matmuls(merged).stream().filter(n -> merged.node(n.input(0)).op() != OpCode.PARAMETER
                && merged.node(n.input(0)).op() != OpCode.RESHAPE).count());
    }

    @Test
    void aLayerWhoseResultIsAlsoReadElsewhereIsNotMerged() {
        GraphBuilder b = new GraphBuilder("stack");
        Value h = new Linear("fc1", 2, 5).apply(b.input("x", DType.F32, 8, 2));
        b.output("hidden", h);
        Graph g = b.output("output", new Linear("fc2", 5, 3).apply(h)).build();
        assertSame(g, LinearLayerMerging.run(g));
        Graph alone = network(new Linear("fc1", 2, 5), Activation.SIGMOID);
        assertSame(alone, LinearLayerMerging.run(alone));
    }

    @Test
    void weightsInEitherLayoutAndMissingBiasesMerge() {
        GraphBuilder b = new GraphBuilder("mixed");
        Value x = b.input("x", DType.F32, 8, 2);
        Value a = b.parameter("a", new Initializer.Zeros(), 2, 5);
        Value c = b.parameter("c", new Initializer.Zeros(), 3, 5);
        Value bias = b.parameter("bias", new Initializer.Zeros(), 1, 3);
        // x A, then (x A) C^T + bias: a weight read as is, then one read transposed, the only bias a [1, k] row
        Graph g = b.output("output", x.matmul(a).matmul(c, false, true).add(bias)).build();
        Graph merged = LinearLayerMerging.run(g);
        assertEquals(2, matmuls(merged).size());
        Node out = merged.output("output");
        assertEquals(OpCode.ADD, out.op());
        assertEquals("bias", merged.node(out.input(1)).name());
        Node product = merged.node(out.input(0));
        assertEquals("x", merged.node(product.input(0)).name());
        Node weight = merged.node(product.input(1));
        // C A^T... as [out, in]: matmul(c, a, false, true)
        assertEquals(new Attrs.MatMul(false, true), weight.attrs());
        assertEquals(List.of("c", "a"), weight.inputs().stream().map(i -> merged.node(i).name()).toList());
    }

    @Test
    void theMergedGraphStillTrains() {
        GraphBuilder b = new GraphBuilder("stack");
        Value x = b.input("x", DType.F32, 8, 2);
        Value y = b.input("y", DType.I32, 8);
        Value logits = new Sequential(new Linear("fc1", 2, 5), new Linear("fc2", 5, 2)).apply(x);
        Graph merged = LinearLayerMerging.run(b.output("loss", logits.crossEntropy(y)).build());
        Graph train = TrainingGraph.build(merged, "loss", Sgd.of(0.1));
        assertTrue(train.updates().keySet().containsAll(List.of("fc1.weight", "fc1.bias", "fc2.weight",
                "fc2.bias")), train.updates().toString());
        assertFalse(merged.find("fc1.add").isPresent());
    }
}
