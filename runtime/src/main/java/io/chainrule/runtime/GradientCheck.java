package io.chainrule.runtime;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Node;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Symbolic gradients against central finite differences, in float64: for each checked tensor, the worst error over
 * its checked elements relative to the largest gradient magnitude there (a normwise relative error, so elements whose
 * gradient is nearly zero do not turn rounding noise into a failure).
 */
public final class GradientCheck {
    /** Central-difference step: truncation error ~h^2, rounding ~1e-16/h; both far under 1e-6 relative at this h. */
    static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /**
     * What a check found.
     *
     * @param errors the worst relative error of each checked tensor, by name
     */
    public record Result(Map<String, Double> errors) {
        /** The worst error over every checked tensor; 0 when none was checked. */
        public double max() {
            return errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /**
     * @param forward  an f64 graph with a scalar output {@code loss}
     * @param feeds    every input and parameter; the tensors named in {@code wrt} are perturbed and restored
     * @param wrt      the fed tensors to check (empty: every parameter)
     * @param samples  how many elements to check per tensor (all of them when it has fewer), at least 1
     */
    public static Result check(Graph forward, String loss, Map<String, Tensor> feeds, List<String> wrt, int samples,
                               long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("a gradient check needs at least 1 sample per tensor, got " + samples);
        }
        if (forward.output(loss).dtype() != DType.F64) {
            throw new GraphException("gradient check of " + forward.name() + ": needs an f64 graph, the loss is "
                    + forward.output(loss).type());
        }
        List<String> names = wrt.isEmpty() ? forward.parameters().stream().map(Node::name).toList() : wrt;
        Graph withGrads = Gradients.of(forward, loss, new Gradients.Options(names, false));
        Map<String, Tensor> symbolic = new Interpreter().prepare(withGrads).run(feeds);
        Executable lossOnly = new Interpreter().prepare(forward);
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Double> errors = new LinkedHashMap<>();
        for (String name : names) {
            Tensor analytic = symbolic.get(Gradients.outputName(forward, loss, name));
            errors.put(name, error(analytic, numeric(lossOnly, loss, feeds, name, indices(analytic.size(), samples, rng))));
        }
        return new Result(errors);
    }

    private static int[] indices(int size, int samples, SplittableRandom rng) {
        if (size <= samples) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        return rng.ints(0, size).distinct().limit(samples).sorted().toArray();
    }

    /** d loss / d t[i] by central differences, for each index i. */
    private static Map<Integer, Double> numeric(Executable lossOnly, String loss, Map<String, Tensor> feeds,
                                                String name, int[] indices) {
        Tensor t = feeds.get(name);
        double[] values = t.doubles();
        Map<Integer, Double> out = new HashMap<>();
        for (int i : indices) {
            double original = values[i];
            values[i] = original + STEP;
            double plus = lossOnly.run(feeds).get(loss).getDouble(0);
            values[i] = original - STEP;
            double minus = lossOnly.run(feeds).get(loss).getDouble(0);
            values[i] = original;
            out.put(i, (plus - minus) / (2 * STEP));
        }
        return out;
    }

    private static double error(Tensor analytic, Map<Integer, Double> numeric) {
        double worstDiff = 0;
        double scale = 0;
        for (Map.Entry<Integer, Double> e : numeric.entrySet()) {
            double a = analytic.getDouble(e.getKey());
            double n = e.getValue();
            if (!Double.isFinite(a) || !Double.isFinite(n)) {
                return Double.POSITIVE_INFINITY;
            }
            worstDiff = Math.max(worstDiff, Math.abs(a - n));
            scale = Math.max(scale, Math.max(Math.abs(a), Math.abs(n)));
        }
        return worstDiff == 0 ? 0 : worstDiff / scale;
    }
}
