package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
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

    private static Graph quadratic() {
        GraphBuilder g = new GraphBuilder("quadratic");
        Value w = g.parameter("w", new Initializer.Zeros(), DType.F64, 3);
        Value c = g.constant(TensorType.of(DType.F64, 3), C);
        g.output("loss", w.square().mul(c).sum().mul(0.5));
        return g.build();
    }

    /** Runs {@code steps} training steps of the graph through the interpreter; returns w after each. */
    private static List<double[]> train(Optimizer optimizer, int steps) {
        Graph step = TrainingGraph.build(quadratic(), "loss", optimizer);
        Map<String, Tensor> state = Parameters.initialize(step, 0);
        state.put("w", Tensor.of(W0.clone(), 3));
        Executable run = new Interpreter().prepare(step);
        List<double[]> ws = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            run.run(new HashMap<>(state));
            ws.add(state.get("w").doubles().clone());
        }
        assertEquals(steps, state.get(TrainingGraph.STEP).getDouble(0));
        return ws;
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
        for (Sgd sgd : List.of(Sgd.momentum(0.1, 0.9), Sgd.nesterov(0.05, 0.8), new Sgd(0.1, 0.9, 0.3, false, 0.01),
                new Sgd(0.1, 0, 0, false, 0.1))) {
            List<double[]> got = train(sgd, 4);
            double[] w = W0.clone();
            double[] buf = null;
            for (int t = 1; t <= 4; t++) {
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
                    w[i] -= sgd.lr() * g[i];
                }
                assertArrayEquals(w, got.get(t - 1), TOL, sgd + " step " + t);
            }
        }
    }

    @Test
    void adamAndAdamWFollowTorch() {
        for (Adam adam : List.of(Adam.defaults(), Adam.of(0.05), Adam.adamW(0.05),
                new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false))) {
            List<double[]> got = train(adam, 5);
            double[] w = W0.clone();
            double[] m = new double[3];
            double[] v = new double[3];
            for (int t = 1; t <= 5; t++) {
                double[] g = grad(w);
                for (int i = 0; i < 3; i++) {
                    if (adam.decoupled()) {
                        w[i] *= 1 - adam.lr() * adam.weightDecay();
                    } else {
                        g[i] += adam.weightDecay() * w[i];
                    }
                    m[i] = adam.beta1() * m[i] + (1 - adam.beta1()) * g[i];
                    v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * g[i] * g[i];
                    double bc1 = 1 - Math.pow(adam.beta1(), t);
                    double bc2 = 1 - Math.pow(adam.beta2(), t);
                    w[i] -= adam.lr() / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + adam.eps());
                }
                assertArrayEquals(w, got.get(t - 1), TOL, adam + " step " + t);
            }
        }
    }

    @Test
    void stateIsNamedAsPyTorchNamesIt() {
        Graph adam = TrainingGraph.build(quadratic(), "loss", Adam.defaults());
        assertEquals(List.of("step", "w.exp_avg", "w.exp_avg_sq"), adam.states().stream().map(n -> n.name()).toList());
        Graph sgd = TrainingGraph.build(quadratic(), "loss", Sgd.momentum(0.1, 0.9));
        assertEquals(List.of("step", "w.momentum_buffer"), sgd.states().stream().map(n -> n.name()).toList());
    }
}
