package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.PerceptronRule;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lesson's perceptron: w <- w + eta (y - yhat) x learns AND and OR, and never XOR. */
class PerceptronRuleTest {
    private static final float[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};

    /** One example per step, as the classic rule goes. */
    private static Graph step() {
        GraphBuilder g = new GraphBuilder("perceptron");
        Value x = g.input("x", DType.F32, 1, 2);
        Value w = g.parameter("weight", new Initializer.Zeros(), 1, 2);
        Value b = g.parameter("bias", new Initializer.Zeros(), 1);
        g.output("output", x.matmul(w, false, true).add(b).step());
        return PerceptronRule.build(g.build(), "output", "x", "weight", "bias", 0.1);
    }

    /** Epochs until an epoch makes no mistake, or -1 if it still errs after {@code maxEpochs}. */
    private static int epochsToConverge(float[] targets, int maxEpochs, Map<String, Tensor> params) {
        Executable run = new Interpreter().prepare(step());
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            double mistakes = 0;
            for (int i = 0; i < 4; i++) {
                Map<String, Tensor> feeds = new HashMap<>(params);
                feeds.put("x", Tensor.of(new float[] {INPUTS[2 * i], INPUTS[2 * i + 1]}, 1, 2));
                feeds.put("target", Tensor.of(new float[] {targets[i]}, 1, 1));
                mistakes += run.run(feeds).get("mistakes").getDouble(0);
            }
            if (mistakes == 0) {
                return epoch;
            }
        }
        return -1;
    }

    @Test
    void learnsTheLinearlySeparableAndAndOr() {
        Map<String, Tensor> params = Parameters.initialize(step(), 0);
        int epochs = epochsToConverge(new float[] {0, 0, 0, 1}, 100, params);
        assertTrue(epochs > 0, "AND did not converge");
        float[] w = params.get("weight").floats();
        float b = params.get("bias").floats()[0];
        assertTrue(w[0] + w[1] + b > 0 && w[0] + b <= 0 && w[1] + b <= 0 && b <= 0,
                "AND boundary " + java.util.Arrays.toString(w) + " " + b);
        assertTrue(epochsToConverge(new float[] {0, 1, 1, 1}, 100, Parameters.initialize(step(), 0)) > 0);
    }

    @Test
    void neverLearnsXor() {
        assertEquals(-1, epochsToConverge(new float[] {0, 1, 1, 0}, 1000, Parameters.initialize(step(), 0)));
    }

    @Test
    void firstUpdateIsEtaTimesErrorTimesInput() {
        Map<String, Tensor> params = Parameters.initialize(step(), 0);
        Map<String, Tensor> feeds = new HashMap<>(params);
        feeds.put("x", Tensor.of(new float[] {1, 1}, 1, 2));
        feeds.put("target", Tensor.of(new float[] {1}, 1, 1));
        assertEquals(1.0, new Interpreter().prepare(step()).run(feeds).get("mistakes").getDouble(0));
        assertArrayEquals(new float[] {0.1f, 0.1f}, params.get("weight").floats());
        assertArrayEquals(new float[] {0.1f}, params.get("bias").floats());
    }
}
