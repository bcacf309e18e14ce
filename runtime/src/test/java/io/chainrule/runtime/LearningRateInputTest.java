package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A float32 training graph reading its learning rate, fed the optimizer's own rate every step, trains as the graph
 * with the rate as a constant: on the interpreter the parameters and state agree bit for bit, but AdamW's within two
 * ulps a step. AdamW's factor 1 - lr wd is a constant rounded once from double in one graph, and computed in float32
 * from the fed rate in the other; for about 0.4% of rates the two differ by an ulp (the rates below are such).
 */
class LearningRateInputTest {
    private static final int STEPS = 30;

    /** An MLP 3-6-1 with tanh on 8 examples, MSE loss. */
    private static Graph mlp() {
        GraphBuilder b = new GraphBuilder("mlp");
        Value x = b.input("x", DType.F32, 8, 3);
        Value y = b.input("y", DType.F32, 8, 1);
        Value out = new Linear("fc2", 6, 1).apply(new Linear("fc1", 3, 6).apply(x).tanh());
        return b.output("loss", out.mseLoss(y)).build();
    }

    /**
     * Trains with the constant graph; before each step the scheduled graph starts from the same tensors and runs the
     * same step. Returns the largest difference of an updated element, in ulps of the element's larger magnitude
     * before or after the step (a step that cancels most of a parameter leaves a value whose own ulp is far finer
     * than the rounding of the terms it came from).
     */
    private static double maxUlpsApart(Optimizer optimizer) {
        Graph constant = TrainingGraph.build(mlp(), "loss", optimizer);
        Graph scheduled = TrainingGraph.build(mlp(), "loss", optimizer, Gradients.Options.parameters(), true);
        assertEquals(constant.updates().keySet(), scheduled.updates().keySet());
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(mlp(), 7));
        feeds.putAll(Parameters.initialize(constant, 7));
        Executable constantStep = new Interpreter().prepare(constant);
        Executable scheduledStep = new Interpreter().prepare(scheduled);
        double worst = 0;
        for (int step = 0; step < STEPS; step++) {
            Map<String, Tensor> before = copies(feeds);
            Map<String, Tensor> other = copies(feeds);
            other.put(TrainingGraph.LEARNING_RATE, Tensor.scalar(DType.F32, optimizer.lr()));
            constantStep.run(feeds);
            scheduledStep.run(other);
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

    private static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((name, t) -> out.put(name, t.copy()));
        return out;
    }

    @Test
    void fedTheOptimizersOwnRateSgdMomentumNesterovAndAdamTrainBitForBitAsWithTheConstant() {
        for (Optimizer o : List.of(Sgd.of(0.1), Sgd.momentum(0.05, 0.9), Sgd.nesterov(0.05, 0.9),
                new Sgd(0.05, 0.9, 0.3, false, 0.01), Adam.of(0.01), new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false))) {
            assertEquals(0, maxUlpsApart(o), o.describe());
        }
    }

    @Test
    void fedTheOptimizersOwnRateAdamWTrainsWithinTwoUlpsAStepOfTheConstant() {
        for (Optimizer o : List.of(Adam.adamW(0.01), Adam.adamW(0.05491078011844886),
                Adam.adamW(0.10993779571966925), new Adam(0.24152010295489934, 0.9, 0.999, 1e-8, 0.1, true))) {
            double ulps = maxUlpsApart(o);
            assertTrue(ulps <= 2, o.describe() + ": " + ulps + " ulps apart");
        }
    }
}
