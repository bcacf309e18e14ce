package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.Simplifier;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.codegen.Differential;
import io.chainrule.codegen.GeneratedClassTest;
import io.chainrule.codegen.StepException;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in model, compiled: the interpreter's results, valid bytecode, errors that name the kernel. */
class CompiledModelsTest {

    /**
     * Adam with eps 1e-3 for the comparisons: its first step is lr g / (|g| + eps), so with the default eps a gradient
     * element near 1e-8 turns the last-bit differences of float32 and double accumulation into differences of up to
     * lr in the update. The graph is the same as with the defaults but for that constant.
     */
    private static final Adam COMPARABLE_ADAM = new Adam(1e-3, 0.9, 0.999, 1e-3, 0, false);

    private static List<Graph> graphsOf(ModelSpec m) {
        Graph forward = m.build(8, DType.F32);
        if (!forward.outputs().containsKey("loss")) {
            return List.of(forward);
        }
        return List.of(forward, Simplifier.simplify(Gradients.of(forward, "loss")),
                TrainingGraph.build(forward, "loss", COMPARABLE_ADAM),
                TrainingGraph.build(forward, "loss", Sgd.nesterov(0.1, 0.9)));
    }

    @Test
    void compiledEqualsInterpretedOnEveryBuiltInModel() {
        for (ModelSpec m : Models.all()) {
            for (Graph g : graphsOf(m)) {
                for (long seed = 1; seed <= 3; seed++) {
                    Differential.assertSameResults(g, seed, m.name() + " " + g.name() + " seed " + seed);
                }
            }
        }
    }

    @Test
    void everyBuiltInModelCompilesToVerifiedClassesWithSmallMethods() {
        for (ModelSpec m : Models.all()) {
            for (Graph g : graphsOf(m)) {
                GeneratedClassTest.assertValid(CompiledBackend.bytecode(g), m.name() + " " + g.name());
            }
        }
    }

    @Test
    void aFailingKernelIsNamedWithItsNodes() {
        Graph forward = Models.find("mnist-linear").orElseThrow().build(4, DType.F32);
        CompiledStep step = CompiledBackend.compile(forward);
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(forward, 1));
        feeds.putAll(Parameters.initialize(forward, 1));
        feeds.get("y").ints()[2] = 12;
        step.bind(feeds);
        StepException e = assertThrows(StepException.class, step::run);
        assertTrue(e.getMessage().matches("mnist_linear: kernel k\\d+_cross_entropy \\(%\\d+ cross_entropy at "
                + "loss \\(cross-entropy\\)\\): label 12 in row 2 is out of range \\[0, 10\\)"), e.getMessage());
    }
}
