package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.Value;
import io.chainrule.runtime.testing.TanhMlp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differentiating a gradient: the Hessian-vector product Hv of a small MLP's loss, as the gradient of
 * s = sum(g(w) . v), against central differences of the gradient along v, (g(w + h v) - g(w - h v)) / 2h.
 */
class HessianVectorProductTest {
    private static final double TOLERANCE = 1e-6;

    /** The first gradient's graph extended with s = sum over parameters p of sum(p.grad * v[p]). */
    private static Graph directionalGradient(Graph first, Map<String, Tensor> v) {
        GraphBuilder b = GraphBuilder.extend(first);
        Value s = b.constant(0, DType.F64);
        for (Map.Entry<String, Tensor> e : v.entrySet()) {
            Value g = b.value(first.output(Gradients.outputName(e.getKey())).id());
            s = s.add(g.mul(b.constant(e.getValue().type(), e.getValue().doubles())).sum());
        }
        return b.output("s", s).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void hessianVectorProductMatchesDifferencesOfTheGradient(long seed) {
        Graph forward = TanhMlp.graph(DType.F64, 4, 3, 5, 2);
        RandomTensors rnd = new RandomTensors(seed);
        Map<String, Tensor> feeds = Parameters.initialize(forward, seed);
        feeds.put("x", rnd.uniform(new int[] {4, 3}, -2, 2));
        feeds.put("y", rnd.uniform(new int[] {4, 2}, -1, 1));
        Map<String, Tensor> v = new LinkedHashMap<>();
        forward.parameters().forEach(p -> v.put(p.name(), rnd.uniform(p.shape().dims(), -1, 1)));

        Graph first = Gradients.of(forward, "loss");
        Graph withS = directionalGradient(first, v);
        Map<String, Tensor> hv = new Interpreter().prepare(Gradients.of(withS, "s")).run(feeds);
        Executable gradient = new Interpreter().prepare(first);
        Map<String, Tensor> plus = gradient.run(shifted(feeds, v, GradientCheck.STEP));
        Map<String, Tensor> minus = gradient.run(shifted(feeds, v, -GradientCheck.STEP));
        for (Node p : forward.parameters()) {
            String grad = Gradients.outputName(p.name());
            double error = relativeError(hv.get(Gradients.outputName(withS, "s", p.name())),
                    plus.get(grad), minus.get(grad));
            assertTrue(error < TOLERANCE, () -> "Hv for " + p.name() + ", seed " + seed + ": relative error "
                    + error);
        }
    }

    /** The feeds with every parameter p moved to p + step * v[p]. */
    private static Map<String, Tensor> shifted(Map<String, Tensor> feeds, Map<String, Tensor> v, double step) {
        Map<String, Tensor> out = new HashMap<>(feeds);
        v.forEach((name, direction) -> {
            Tensor t = feeds.get(name).copy();
            for (int i = 0; i < t.size(); i++) {
                t.doubles()[i] += step * direction.doubles()[i];
            }
            out.put(name, t);
        });
        return out;
    }

    /** Normwise, as {@link GradientCheck}: the worst difference over the largest magnitude. */
    private static double relativeError(Tensor hv, Tensor gradPlus, Tensor gradMinus) {
        double worstDiff = 0;
        double scale = 0;
        for (int i = 0; i < hv.size(); i++) {
            double numeric = (gradPlus.getDouble(i) - gradMinus.getDouble(i)) / (2 * GradientCheck.STEP);
            worstDiff = Math.max(worstDiff, Math.abs(hv.getDouble(i) - numeric));
            scale = Math.max(scale, Math.max(Math.abs(hv.getDouble(i)), Math.abs(numeric)));
        }
        return worstDiff == 0 ? 0 : worstDiff / scale;
    }
}
