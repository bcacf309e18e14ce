package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training graphs reading their learning rate, compiled: they agree with the interpreter, a bound step reads the rate
 * tensor as it is at each run (a schedule changes it in place, nothing is recompiled), and fed the optimizer's own
 * rate they train as the graph with the rate as a constant: bit for bit, but AdamW within two ulps a step (its
 * 1 - lr wd is rounded once from double in one graph and computed in float32 in the other).
 */
class LearningRateInputTest {
    private static final int STEPS = 30;
    private static final List<Optimizer> OPTIMIZERS = List.of(Sgd.of(0.1), Sgd.momentum(0.05, 0.9),
            Sgd.nesterov(0.05, 0.9), new Sgd(0.05, 0.9, 0.3, false, 0.01), Adam.of(0.01),
            new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false), Adam.adamW(0.01), Adam.adamW(0.05491078011844886));

    /** An MLP 3-6-1 with tanh on 8 examples, MSE loss. */
    private static Graph mlp() {
        GraphBuilder b = new GraphBuilder("mlp");
        Value x = b.input("x", DType.F32, 8, 3);
        Value y = b.input("y", DType.F32, 8, 1);
        Value out = new Linear("fc2", 6, 1).apply(new Linear("fc1", 3, 6).apply(x).tanh());
        return b.output("loss", out.mseLoss(y)).build();
    }

    private static Graph scheduled(Optimizer optimizer) {
        return TrainingGraph.build(mlp(), "loss", optimizer, Gradients.Options.parameters(), true);
    }

    private static Map<String, Tensor> start(Graph graph) {
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(mlp(), 3));
        feeds.putAll(Parameters.initialize(graph, 3));
        return feeds;
    }

    @Test
    void compiledEqualsInterpreted() {
        for (Optimizer o : OPTIMIZERS) {
            for (long seed = 1; seed <= 3; seed++) {
                Differential.assertSameResults(scheduled(o), seed, o.describe() + " seed " + seed);
            }
        }
    }

    /** A rate that changes every step, as a schedule's does, set in place in the tensor the step is bound to. */
    @Test
    void aBoundStepReadsTheRateAsItIsAtEachRun() {
        for (Optimizer o : List.of(Sgd.of(0.1), Adam.adamW(0.01))) {
            Graph graph = scheduled(o);
            Map<String, Tensor> compiled = start(graph);
            Tensor lr = Tensor.scalar(DType.F32, 0);
            compiled.put(TrainingGraph.LEARNING_RATE, lr);
            Map<String, Tensor> interpreted = copies(compiled);
            Executable interpreter = new Interpreter().prepare(graph);
            try (CompiledStep step = CompiledBackend.compile(graph)) {
                step.bind(compiled);
                for (int t = 0; t < 5; t++) {
                    double rate = o.lr() * (t + 1) / 5;
                    lr.setDouble(0, rate);
                    interpreted.get(TrainingGraph.LEARNING_RATE).setDouble(0, rate);
                    step.run();
                    interpreter.run(interpreted);
                }
            }
            for (String name : graph.updates().keySet()) {
                assertArrayEquals(interpreted.get(name).floats(), compiled.get(name).floats(), 1e-5f,
                        o.describe() + " " + name);
            }
        }
    }

    /** As runtime's LearningRateInputTest on the interpreter: per step, from the same tensors, in ulps. */
    @Test
    void fedTheOptimizersOwnRateItTrainsAsTheConstantGraph() {
        for (Optimizer o : OPTIMIZERS) {
            Graph constant = TrainingGraph.build(mlp(), "loss", o);
            Graph scheduled = scheduled(o);
            Map<String, Tensor> feeds = start(constant);
            double worst = 0;
            try (CompiledStep constantStep = CompiledBackend.compile(constant);
                    CompiledStep scheduledStep = CompiledBackend.compile(scheduled)) {
                for (int t = 0; t < STEPS; t++) {
                    Map<String, Tensor> before = copies(feeds);
                    Map<String, Tensor> other = copies(feeds);
                    other.put(TrainingGraph.LEARNING_RATE, Tensor.scalar(DType.F32, o.lr()));
                    constantStep.bind(feeds);
                    constantStep.run();
                    scheduledStep.bind(other);
                    scheduledStep.run();
                    worst = Math.max(worst, ulpsApart(constant, before, feeds, other));
                }
            }
            double allowed = o instanceof Adam adam && adam.decoupled() ? 2 : 0;
            assertTrue(worst <= allowed, o.describe() + ": " + worst + " ulps apart");
        }
    }

    /** The largest difference of an updated element, in ulps of its larger magnitude before or after the step. */
    private static double ulpsApart(Graph graph, Map<String, Tensor> before, Map<String, Tensor> a,
            Map<String, Tensor> b) {
        double worst = 0;
        for (String name : graph.updates().keySet()) {
            float[] old = before.get(name).floats();
            float[] x = a.get(name).floats();
            float[] z = b.get(name).floats();
            for (int i = 0; i < x.length; i++) {
                float scale = Math.max(Math.abs(old[i]), Math.max(Math.abs(x[i]), Math.abs(z[i])));
                worst = Math.max(worst, Math.abs(x[i] - z[i]) / Math.ulp(scale));
            }
        }
        return worst;
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.copy()));
        return out;
    }
}
