package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.LinearLayerMerging;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Merged linear layers compute what the layers computed, to float64 rounding, with and without their weights folded
 * into one parameter; and so do their gradients, so a merged graph trains as the original does.
 */
class ParameterFoldingTest {
    private static final int BATCH = 16;

    /** A 10-layer linear stack 2-8-...-8-3 in f64, with a loss when asked. */
    private static Graph stack(boolean withLoss) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            layers.add(new Linear("l" + i, i == 1 ? 2 : 8, i == 10 ? 3 : 8, true, new Initializer.Normal(0, 0.5),
                    new Initializer.Normal(0, 0.5)));
        }
        GraphBuilder b = new GraphBuilder("linear_stack");
        Value x = b.input("x", DType.F64, BATCH, 2);
        Value out = new Sequential(layers).apply(x);
        b.output("output", out);
        if (withLoss) {
            b.output("loss", out.mseLoss(b.input("y", DType.F64, BATCH, 3)));
        }
        return b.build();
    }

    private static Map<String, Tensor> feeds(Graph g, long seed) {
        Map<String, Tensor> feeds = new HashMap<>(Parameters.initialize(g, seed));
        SplittableRandom rng = new SplittableRandom(seed);
        for (Node in : g.inputs()) {
            double[] v = rng.doubles(in.shape().size(), -2, 2).toArray();
            feeds.put(in.name(), Tensor.of(v, in.shape().dims()));
        }
        return feeds;
    }

    /** The largest difference over the largest magnitude. */
    private static double relativeError(Tensor expected, Tensor actual) {
        double[] e = expected.doubles();
        double[] a = actual.doubles();
        assertEquals(e.length, a.length);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < e.length; i++) {
            diff = Math.max(diff, Math.abs(e[i] - a[i]));
            scale = Math.max(scale, Math.abs(e[i]));
        }
        return diff / scale;
    }

    private static long matmuls(Graph g) {
        return g.nodes().stream().filter(n -> n.op() == OpCode.MATMUL).count();
    }

    @Test
    void tenLinearLayersFoldToOneProductWithTheSameOutputs() {
        Graph stack = stack(false);
        Map<String, Tensor> feeds = feeds(stack, 3);
        Tensor expected = new Interpreter().prepare(stack).run(feeds).get("output");

        Graph merged = LinearLayerMerging.run(stack);
        assertTrue(relativeError(expected, new Interpreter().prepare(merged).run(feeds).get("output")) < 1e-13);

        Map<String, Tensor> params = new HashMap<>(feeds);
        params.remove("x");
        ParameterFolding.Folded folded = ParameterFolding.fold(merged, params);
        assertEquals(1, matmuls(folded.graph()), folded.graph().toString());
        assertEquals(List.of("l1_to_l10.weight", "l1_to_l10.bias"), List.copyOf(folded.parameters().keySet()));
        assertEquals(List.of(3, 2), List.of(folded.graph().find("l1_to_l10.weight").orElseThrow().shape().dim(0),
                folded.graph().find("l1_to_l10.weight").orElseThrow().shape().dim(1)));
        Map<String, Tensor> foldedFeeds = new HashMap<>(folded.parameters());
        foldedFeeds.put("x", feeds.get("x"));
        double error = relativeError(expected, new Interpreter().prepare(folded.graph()).run(foldedFeeds)
                .get("output"));
        assertTrue(error < 1e-13, "relative error " + error);
    }

    @Test
    void theMergedStacksGradientsAreTheStacksGradients() {
        Graph stack = stack(true);
        Graph merged = LinearLayerMerging.run(stack);
        Map<String, Tensor> feeds = feeds(stack, 5);
        Map<String, Tensor> expected = new Interpreter().prepare(Gradients.of(stack, "loss")).run(feeds);
        Map<String, Tensor> actual = new Interpreter().prepare(Gradients.of(merged, "loss")).run(feeds);
        for (Node p : stack.parameters()) {
            String grad = Gradients.outputName(p.name());
            double error = relativeError(expected.get(grad), actual.get(grad));
            assertTrue(error < 1e-12, p.name() + ": relative error " + error);
        }
    }

    @Test
    void aReluBetweenLayersKeepsTwoProducts() {
        GraphBuilder b = new GraphBuilder("two_chains");
        Value x = b.input("x", DType.F64, BATCH, 2);
        Initializer init = new Initializer.Normal(0, 1);
        Graph g = b.output("output", new Sequential(new Linear("a", 2, 4, true, init, init),
                new Linear("b", 4, 4, true, init, init), Activation.RELU, new Linear("c", 4, 4, true, init, init),
                new Linear("d", 4, 1, true, init, init)).apply(x)).build();
        Map<String, Tensor> feeds = feeds(g, 7);
        Map<String, Tensor> params = new HashMap<>(feeds);
        params.remove("x");
        ParameterFolding.Folded folded = ParameterFolding.fold(LinearLayerMerging.run(g), params);
        assertEquals(2, matmuls(folded.graph()), folded.graph().toString());
        Map<String, Tensor> foldedFeeds = new HashMap<>(folded.parameters());
        foldedFeeds.put("x", feeds.get("x"));
        assertTrue(relativeError(new Interpreter().prepare(g).run(feeds).get("output"),
                new Interpreter().prepare(folded.graph()).run(foldedFeeds).get("output")) < 1e-13);
    }

    @Test
    void aTrainingStepOrAMissingParameterIsRefused() {
        Graph stack = stack(true);
        Graph train = TrainingGraph.build(stack, "loss", Sgd.of(0.1));
        Map<String, Tensor> params = Parameters.initialize(train, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterFolding.fold(train, params));
        assertEquals("graph linear_stack_train is a training step (21 updates): fold a forward graph, whose "
                + "parameters stay fixed", e.getMessage());

        Map<String, Tensor> some = new HashMap<>(Parameters.initialize(stack, 0));
        some.remove("l4.weight");
        e = assertThrows(IllegalArgumentException.class,
                () -> ParameterFolding.fold(LinearLayerMerging.run(stack), some));
        assertEquals("graph linear_stack: folding needs parameter l4.weight as f64[8,8], got none", e.getMessage());
    }
}
