package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.testing.FedRate;
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
    private static final List<Optimizer> OPTIMIZERS = List.of(Sgd.of(0.1), Sgd.momentum(0.05, 0.9),
            Sgd.nesterov(0.05, 0.9), new Sgd(0.05, 0.9, 0.3, false, 0.01), Adam.of(0.01),
            new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false), Adam.adamW(0.01), Adam.adamW(0.05491078011844886));

    @Test
    void compiledEqualsInterpreted() {
        for (Optimizer o : OPTIMIZERS) {
            for (long seed = 1; seed <= 3; seed++) {
                Differential.assertSameResults(FedRate.scheduled(o), seed, o.describe() + " seed " + seed);
            }
        }
    }

    /** A rate that changes every step, as a schedule's does, set in place in the tensor the step is bound to. */
    @Test
    void aBoundStepReadsTheRateAsItIsAtEachRun() {
        for (Optimizer o : List.of(Sgd.of(0.1), Adam.adamW(0.01))) {
            Graph graph = FedRate.scheduled(o);
            Map<String, Tensor> compiled = FedRate.start(graph);
            Tensor lr = Tensor.scalar(DType.F32, 0);
            compiled.put(TrainingGraph.LEARNING_RATE, lr);
            Map<String, Tensor> interpreted = FedRate.copies(compiled);
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
            double worst;
            try (CompiledStep constant = CompiledBackend.compile(FedRate.constant(o));
                    CompiledStep scheduled = CompiledBackend.compile(FedRate.scheduled(o))) {
                worst = FedRate.maxUlpsApart(o, feeds -> run(constant, feeds), feeds -> run(scheduled, feeds));
            }
            double allowed = o instanceof Adam adam && adam.decoupled() ? 2 : 0;
            assertTrue(worst <= allowed, o.describe() + ": " + worst + " ulps apart");
        }
    }

    private static void run(CompiledStep step, Map<String, Tensor> feeds) {
        step.bind(feeds);
        step.run();
    }
}
