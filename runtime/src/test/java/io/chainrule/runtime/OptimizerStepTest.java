package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimizer update graphs against torch.optim's documented algorithms, on loss = sum(c * w^2) / 2 whose gradient c * w
 * changes every step. The expected values are worked out here: the first step by hand, later steps by the algorithm
 * as PyTorch's documentation writes it.
 */
class OptimizerStepTest {
    private static final double[] W0 = {1, -2, 0.5};
    private static final double[] C = {1, 2, 3};
    private static final double TOL = 1e-12;
    private static final List<Sgd> SGDS = List.of(Sgd.of(0.1), Sgd.momentum(0.1, 0.9), Sgd.nesterov(0.05, 0.8),
            new Sgd(0.1, 0.9, 0.3, false, 0.01), new Sgd(0.1, 0, 0, false, 0.1));
    private static final List<Adam> ADAMS = List.of(Adam.defaults(), Adam.of(0.05), Adam.adamW(0.05),
            new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false), new Adam(0.01, 0.9, 0.999, 1e-8, 0.5, true));

    private static Graph quadratic() {
        GraphBuilder g = new GraphBuilder("quadratic");
        Value w = g.parameter("w", new Initializer.Zeros(), DType.F64, 3);
        Value c = g.constant(TensorType.of(DType.F64, 3), C);
        g.output("loss", w.square().mul(c).sum().mul(0.5));
        return g.build();
    }

    /** Runs {@code steps} training steps of the graph through the interpreter; returns w after each. */
    private static List<double[]> train(Optimizer optimizer, int steps) {
        return train(TrainingGraph.build(quadratic(), "loss", optimizer), new double[steps]);
    }

    /** As {@link #train(Optimizer, int)} with a graph reading its learning rate, fed {@code rates[t]} at step t. */
    private static List<double[]> trainScheduled(Optimizer optimizer, double[] rates) {
        Graph graph = TrainingGraph.build(quadratic(), "loss", optimizer, Gradients.Options.parameters(), true);
        return train(graph, rates);
    }

    private static List<double[]> train(Graph graph, double[] rates) {
        Map<String, Tensor> state = Parameters.initialize(graph, 0);
        state.put("w", Tensor.of(W0.clone(), 3));
        Executable run = new Interpreter().prepare(graph);
        List<double[]> ws = new ArrayList<>();
        for (double rate : rates) {
            Map<String, Tensor> feeds = new HashMap<>(state);
            if (!graph.inputs().isEmpty()) {
                feeds.put(TrainingGraph.LEARNING_RATE, Tensor.scalar(DType.F64, rate));
            }
            run.run(feeds);
            ws.add(state.get("w").doubles().clone());
        }
        assertEquals(rates.length, state.get(TrainingGraph.STEP).getDouble(0));
        return ws;
    }

    private static double[] constantRates(double lr, int steps) {
        double[] rates = new double[steps];
        Arrays.fill(rates, lr);
        return rates;
    }

    private static double[] grad(double[] w) {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = C[i] * w[i];
        }
        return g;
    }

    @Test
    void sgdFirstStepByHand() {
        assertArrayEquals(new double[] {0.9, -1.6, 0.35}, train(Sgd.of(0.1), 1).get(0), TOL);
    }

    @Test
    void adamFirstStepMovesEachWeightByLrAgainstTheGradientSign() {
        // step 1: m = 0.1 g, v = 0.001 g^2; bias-corrected m/(sqrt(v)+eps) = g / (|g| + eps) = sign(g) (to 1e-8)
        assertArrayEquals(new double[] {0.9, -1.9, 0.4}, train(Adam.of(0.1), 1).get(0), 1e-8);
    }

    @Test
    void sgdWithMomentumDampeningWeightDecayAndNesterovFollowTorch() {
        for (Sgd sgd : SGDS) {
            List<double[]> got = train(sgd, 4);
            assertFollowsTorch(sgd.toString(), torchSgd(sgd, constantRates(sgd.lr(), 4)), got);
        }
    }

    @Test
    void adamAndAdamWFollowTorch() {
        for (Adam adam : ADAMS) {
            List<double[]> got = train(adam, 5);
            assertFollowsTorch(adam.toString(), torchAdam(adam, constantRates(adam.lr(), 5)), got);
        }
    }

    /** Every place the formulas read the learning rate reads the fed one: AdamW's 1 - lr wd too. */
    @Test
    void aLearningRateFedEachStepIsTheOneEachStepUses() {
        double[] rates = {0.1, 0.05, 0.2, 0.01, 0.07};
        for (Sgd sgd : SGDS) {
            assertFollowsTorch(sgd.toString(), torchSgd(sgd, rates), trainScheduled(sgd, rates));
        }
        for (Adam adam : ADAMS) {
            assertFollowsTorch(adam.toString(), torchAdam(adam, rates), trainScheduled(adam, rates));
        }
    }

    private static void assertFollowsTorch(String optimizer, List<double[]> expected, List<double[]> got) {
        for (int t = 0; t < expected.size(); t++) {
            assertArrayEquals(expected.get(t), got.get(t), TOL, optimizer + " step " + (t + 1));
        }
    }

    /** torch.optim.SGD's algorithm, with the learning rate {@code rates[t]} at step t + 1; w after each step. */
    private static List<double[]> torchSgd(Sgd sgd, double[] rates) {
        List<double[]> ws = new ArrayList<>();
        double[] w = W0.clone();
        double[] buf = null;
        for (double lr : rates) {
            double[] g = grad(w);
            for (int i = 0; i < 3; i++) {
                g[i] += sgd.weightDecay() * w[i];
            }
            if (sgd.momentum() != 0) {
                if (buf == null) {
                    buf = g.clone();
                } else {
                    for (int i = 0; i < 3; i++) {
                        buf[i] = sgd.momentum() * buf[i] + (1 - sgd.dampening()) * g[i];
                    }
                }
                for (int i = 0; i < 3; i++) {
                    g[i] = sgd.nesterov() ? g[i] + sgd.momentum() * buf[i] : buf[i];
                }
            }
            for (int i = 0; i < 3; i++) {
                w[i] -= lr * g[i];
            }
            ws.add(w.clone());
        }
        return ws;
    }

    /** torch.optim.Adam's and AdamW's algorithm, with the learning rate {@code rates[t]} at step t + 1. */
    private static List<double[]> torchAdam(Adam adam, double[] rates) {
        List<double[]> ws = new ArrayList<>();
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= rates.length; t++) {
            double lr = rates[t - 1];
            double[] g = grad(w);
            for (int i = 0; i < 3; i++) {
                if (adam.decoupled()) {
                    w[i] *= 1 - lr * adam.weightDecay();
                } else {
                    g[i] += adam.weightDecay() * w[i];
                }
                m[i] = adam.beta1() * m[i] + (1 - adam.beta1()) * g[i];
                v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * g[i] * g[i];
                double bc1 = 1 - Math.pow(adam.beta1(), t);
                double bc2 = 1 - Math.pow(adam.beta2(), t);
                w[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + adam.eps());
            }
            ws.add(w.clone());
        }
        return ws;
    }

    @Test
    void stateIsNamedAsPyTorchNamesIt() {
        Graph adam = TrainingGraph.build(quadratic(), "loss", Adam.defaults());
        assertEquals(List.of("step", "w.exp_avg", "w.exp_avg_sq"), adam.states().stream().map(n -> n.name()).toList());
        Graph sgd = TrainingGraph.build(quadratic(), "loss", Sgd.momentum(0.1, 0.9));
        assertEquals(List.of("step", "w.momentum_buffer"), sgd.states().stream().map(n -> n.name()).toList());
    }
}
