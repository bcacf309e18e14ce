package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.LeakyRelu;
import io.chainrule.ir.nn.Layer;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The lesson's activation functions and their derivatives. The derivatives are not written by hand: each is the
 * gradient of sum(f(x)) with respect to x, which chainrule's reverse mode derives from f's graph, run on the compiled
 * step.
 */
public final class ActivationsLesson implements Lesson {
    static final double LOW = -5;
    static final double HIGH = 5;
    /** Under leaky ReLU's slope of 0.01, which still passes a gradient. */
    static final double SATURATED = 0.005;

    /** The lesson's six, with PyTorch's default leaky slope. */
    static final Map<String, Layer> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("relu", Activation.RELU);
        FUNCTIONS.put("leaky_relu", new LeakyRelu(0.01));
        FUNCTIONS.put("sigmoid", Activation.SIGMOID);
        FUNCTIONS.put("tanh", Activation.TANH);
        FUNCTIONS.put("swish", Activation.SILU);
        FUNCTIONS.put("gelu", Activation.GELU);
    }

    /**
     * One activation on a grid: x, f(x) and f'(x).
     *
     * @param name       the activation's name
     * @param x          the grid, increasing
     * @param value      f at each x
     * @param derivative f' at each x, by autodiff
     */
    public record Curve(String name, double[] x, double[] value, double[] derivative) {
        /** The largest derivative, and the first x where it is reached. */
        double[] peak() {
            int best = 0;
            for (int i = 1; i < x.length; i++) {
                if (derivative[i] > derivative[best]) {
                    best = i;
                }
            }
            return new double[] {derivative[best], x[best]};
        }

        /** The x ranges, as [from, to] pairs, where |f'| is under {@code threshold}: they pass almost no gradient. */
        public List<double[]> flatRegions(double threshold) {
            List<double[]> regions = new ArrayList<>();
            int start = -1;
            for (int i = 0; i <= x.length; i++) {
                boolean flat = i < x.length && Math.abs(derivative[i]) < threshold;
                if (flat && start < 0) {
                    start = i;
                } else if (!flat && start >= 0) {
                    regions.add(new double[] {x[start], x[i - 1]});
                    start = -1;
                }
            }
            return regions;
        }
    }

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String title() {
        return "ReLU, leaky ReLU, sigmoid, tanh, swish and GELU with their derivatives, derived by autodiff";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        int points = run.quick() ? 201 : 1001;
        run.out().printf(Locale.ROOT, "Each activation f and its derivative f', on %d points of [%.0f, %.0f]. f' is the gradient of "
                + "sum(f(x)) with respect to x, derived by chainrule's reverse mode and run on the compiled step.%n%n",
                points, LOW, HIGH);
        run.out().printf(Locale.ROOT, "%-11s %8s %8s %9s %8s   %s%n", "activation", "f(0)", "f'(0)", "max f'", "at x",
                "saturated (|f'| < 0.005) for");
        for (Map.Entry<String, Layer> e : FUNCTIONS.entrySet()) {
            Curve c = curve(e.getKey(), e.getValue(), points);
            int zero = points / 2;
            double[] peak = c.peak();
            run.out().printf(Locale.ROOT, "%-11s %8.4f %8.4f %9.4f %8.3f   %s%n", c.name(), c.value()[zero], c.derivative()[zero],
                    peak[0], peak[1], saturation(c));
            XYChart chart = Figures.lines(c.name() + " and its derivative (autodiff)", "x", "");
            Figures.line(chart, c.name() + "(x)", c.x(), c.value());
            Figures.line(chart, c.name() + "'(x)", c.x(), c.derivative());
            run.figure(c.name(), chart);
        }
        Curve sigmoid = curve("sigmoid", Activation.SIGMOID, points);
        double[] peak = sigmoid.peak();
        run.out().printf(Locale.ROOT, "%nsigmoid's derivative f(x)(1 - f(x)) peaks at %.4f, at x = %.3f: each sigmoid layer "
                + "passes back at most a quarter of the gradient, so through 10 of them at most %.1e of it survives.%n",
                peak[0], peak[1], Math.pow(0.25, 10));
    }

    /** f and f' on {@code points} evenly spaced x in [LOW, HIGH] (the middle one is 0). */
    public static Curve curve(String name, Layer f, int points) {
        float[] xs = new float[points];
        for (int i = 0; i < points; i++) {
            xs[i] = (float) (LOW + (HIGH - LOW) * i / (points - 1));
        }
        GraphBuilder b = new GraphBuilder(name);
        Value x = b.input("x", DType.F32, points);
        Value y = f.apply(x);
        b.output("f", y);
        b.output("sum", y.sum(0));
        Graph g = Gradients.of(b.build(), "sum", new Gradients.Options(List.of("x"), false));
        Map<String, Tensor> out = Backends.preferred().prepare(g).run(Map.of("x", Tensor.of(xs, points)));
        return new Curve(name, doubles(xs), doubles(out.get("f").floats()),
                doubles(out.get(Gradients.outputName("x")).floats()));
    }

    /** Where the derivative is under {@link #SATURATED}: the flat regions that pass almost no gradient. */
    private static String saturation(Curve c) {
        List<String> regions = c.flatRegions(SATURATED).stream().map(r -> String.format(Locale.ROOT,
                "x in [%.2f, %.2f]", r[0], r[1])).toList();
        return regions.isEmpty() ? "nowhere in the range" : String.join(", ", regions);
    }

    private static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
