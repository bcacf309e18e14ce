package io.chainrule.examples.sim;

import io.chainrule.examples.lessons.ActivationsLesson;
import io.chainrule.examples.lessons.ActivationsLesson.Curve;
import java.util.List;

/**
 * The numbers the activation-functions page draws: each activation and its derivative on a grid, the derivative
 * derived by chainrule's autodiff and run on the compiled step (the lesson's own computation,
 * {@link ActivationsLesson#curve}), the regions where it passes almost no gradient, and how a gradient shrinks
 * through n layers at typical pre-activations.
 */
final class ActivationTable {
    /** Grid points on [-5, 5]: a step of 0.025, finer than the x slider needs. */
    static final int POINTS = 401;
    /** Where |f'| is below this, a layer passes back less than 5% of the gradient: shaded as saturated. */
    static final double SATURATED = 0.05;
    static final int MAX_DEPTH = 30;
    /** Leaky ReLU's slopes on the page's slider: 0 to 0.3 in steps of 0.01. */
    static final int SLOPES = 31;
    static final double SLOPE_STEP = 0.01;

    private ActivationTable() {
    }

    /** Every activation, and leaky ReLU at every slope of the slider, as the page's JSON; computed once. */
    static String all() {
        return Computed.TABLE;
    }

    /** Computed when first asked for (some 40 small graphs compiled and run), by the class loader's lock. */
    private static final class Computed {
        static final String TABLE = compute();
    }

    private static String compute() {
        Curve first = curve(ActivationChoice.RELU, ActivationChoice.DEFAULT_SLOPE);
        JsonWriter w = new JsonWriter().beginObject();
        w.name("saturation").value(SATURATED).name("maxDepth").value(MAX_DEPTH);
        w.name("x").values(first.x(), 4);
        w.name("functions").beginArray();
        for (ActivationChoice a : ActivationChoice.values()) {
            write(w, a, ActivationChoice.DEFAULT_SLOPE, a == ActivationChoice.RELU ? first : curve(a,
                    ActivationChoice.DEFAULT_SLOPE));
        }
        w.endArray();
        w.name("leakySlopes").beginArray();
        for (int i = 0; i < SLOPES; i++) {
            w.value(slope(i));
        }
        w.endArray();
        w.name("leaky").beginArray();
        for (int i = 0; i < SLOPES; i++) {
            write(w, ActivationChoice.LEAKY_RELU, slope(i), curve(ActivationChoice.LEAKY_RELU, slope(i)));
        }
        w.endArray();
        return w.endObject().toString();
    }

    /** One activation (leaky ReLU with {@code slope}), with its x grid. */
    static String one(ActivationChoice a, double slope) {
        Curve c = curve(a, slope);
        JsonWriter w = new JsonWriter().beginObject();
        w.name("x").values(c.x(), 4).name("saturation").value(SATURATED);
        w.name("function");
        write(w, a, slope, c);
        return w.endObject().toString();
    }

    static double slope(int i) {
        return Math.round(i * SLOPE_STEP * 100) / 100.0;
    }

    private static Curve curve(ActivationChoice a, double slope) {
        return ActivationsLesson.curve(a.id(), a.layer(slope), POINTS);
    }

    private static void write(JsonWriter w, ActivationChoice a, double slope, Curve c) {
        w.beginObject().name("name").value(a.id()).name("label").value(a.label());
        if (a == ActivationChoice.LEAKY_RELU) {
            w.name("slope").value(slope);
        }
        w.name("f").values(c.value(), 6).name("df").values(c.derivative(), 6);
        w.name("saturated").beginArray();
        for (double[] region : c.flatRegions(SATURATED)) {
            w.values(region, 4);
        }
        w.endArray();
        double factor = typicalFactor(c);
        w.name("typicalFactor").value(factor);
        double[] product = new double[MAX_DEPTH];
        for (int n = 1; n <= MAX_DEPTH; n++) {
            product[n - 1] = Math.pow(factor, n);
        }
        w.name("depthProduct").values(product, 5);
        w.endObject();
    }

    /**
     * The mean of f' over pre-activations spread as N(0, 1), as a layer initialized to keep its pre-activations at
     * unit scale sees them: the grid's autodiff derivatives weighted by the normal density. Backprop multiplies the
     * gradient by f' at every layer, so through n layers a typical gradient is scaled by this factor to the n.
     */
    static double typicalFactor(Curve c) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < c.x().length; i++) {
            double w = Math.exp(-c.x()[i] * c.x()[i] / 2);
            sum += w * c.derivative()[i];
            weights += w;
        }
        return sum / weights;
    }
}
