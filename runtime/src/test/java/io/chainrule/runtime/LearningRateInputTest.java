package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.runtime.testing.FedRate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A float32 training graph reading its learning rate, fed the optimizer's own rate every step, trains as the graph
 * with the rate as a constant: on the interpreter the parameters and state agree bit for bit, but AdamW's within two
 * ulps a step. AdamW's factor 1 - lr wd is a constant rounded once from double in one graph, and computed in float32
 * from the fed rate in the other; for about 0.4% of rates the two differ by an ulp (the rates below are such).
 */
class LearningRateInputTest {
    private static double maxUlpsApart(Optimizer optimizer) {
        return FedRate.maxUlpsApart(optimizer, new Interpreter().prepare(FedRate.constant(optimizer))::run,
                new Interpreter().prepare(FedRate.scheduled(optimizer))::run);
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
