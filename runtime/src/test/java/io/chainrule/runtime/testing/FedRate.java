package io.chainrule.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A float32 training graph reading its learning rate against the graph with the rate as a constant, on the MLP 3-6-1
 * of {@link TanhMlp} with 8 examples: the comparison each backend's LearningRateInputTest makes on its own steps.
 */
public final class FedRate {
    private static final int STEPS = 30;
    private static final long SEED = 7;

    private FedRate() {
    }

    public static Graph mlp() {
        return TanhMlp.graph(DType.F32, 8, 3, 6, 1);
    }

    /** The training graph with the optimizer's rate as a constant. */
    public static Graph constant(Optimizer optimizer) {
        return TrainingGraph.build(mlp(), "loss", optimizer);
    }

    /** The training graph reading its rate from the fed tensor {@link TrainingGraph#LEARNING_RATE}. */
    public static Graph scheduled(Optimizer optimizer) {
        return TrainingGraph.build(mlp(), "loss", optimizer, Gradients.Options.parameters(), true);
    }

    /** Random inputs and initialized parameters and state of {@code graph}. */
    public static Map<String, Tensor> start(Graph graph) {
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(mlp(), SEED));
        feeds.putAll(Parameters.initialize(graph, SEED));
        return feeds;
    }

    /**
     * Trains with the constant graph's step; before each step the scheduled graph's step starts from the same tensors,
     * fed the optimizer's own rate. Returns the largest difference of an updated element, in ulps of the element's
     * larger magnitude before or after the step (a step that cancels most of a parameter leaves a value whose own ulp
     * is far finer than the rounding of the terms it came from).
     */
    public static double maxUlpsApart(Optimizer optimizer, Consumer<Map<String, Tensor>> constantStep,
            Consumer<Map<String, Tensor>> scheduledStep) {
        Graph constant = constant(optimizer);
        assertEquals(constant.updates().keySet(), scheduled(optimizer).updates().keySet());
        Map<String, Tensor> feeds = start(constant);
        double worst = 0;
        for (int step = 0; step < STEPS; step++) {
            Map<String, Tensor> before = copies(feeds);
            Map<String, Tensor> other = copies(feeds);
            other.put(TrainingGraph.LEARNING_RATE, Tensor.scalar(DType.F32, optimizer.lr()));
            constantStep.accept(feeds);
            scheduledStep.accept(other);
            for (String name : constant.updates().keySet()) {
                float[] old = before.get(name).floats();
                float[] x = feeds.get(name).floats();
                float[] z = other.get(name).floats();
                for (int i = 0; i < x.length; i++) {
                    float scale = Math.max(Math.abs(old[i]), Math.max(Math.abs(x[i]), Math.abs(z[i])));
                    worst = Math.max(worst, Math.abs(x[i] - z[i]) / Math.ulp(scale));
                }
            }
        }
        return worst;
    }

    public static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.copy()));
        return out;
    }
}
