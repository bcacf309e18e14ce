package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Cross-entropy against mean squared error on a classifier that is confident and wrong. The MSE is the lesson's
 * formula applied to a classifier's output: the mean over the classes of (softmax(z) - onehot(y))^2, so its gradient
 * at the logits z passes through the softmax, whose slope vanishes where it saturates; cross-entropy's is
 * softmax(z) - onehot(y), which does not. Both gradients are derived by chainrule's reverse mode from the two losses'
 * graphs and run on the compiled step.
 */
final class LossesLesson implements Lesson {
    static final int CLASSES = 10;
    static final int TRUE_CLASS = 0;
    static final int WRONG_CLASS = 1;
    /** Where the classifier is unsure: every class equally likely. */
    static final double UNSURE = 1.0 / CLASSES;
    static final double[] TABLE_CONFIDENCES = {UNSURE, 0.5, 0.9, 0.99, 0.999, 0.9999};
    static final double NINES_LOW = -Math.log10(1 - UNSURE);
    static final double NINES_HIGH = 4;
    /** Gradient descent on the logits starts from these confidences in the wrong class. */
    static final double[] DESCENT_STARTS = {0.9, 0.99, 0.999, 0.9999};
    static final double[] QUICK_DESCENT_STARTS = {0.9, 0.99};
    static final double PLOTTED_START = 0.99;
    static final int MAX_STEPS = 100_000;

    /** The two losses of the logits z [n, classes] and the labels [n], per example (one value per row). */
    enum Loss {
        CROSS_ENTROPY("cross-entropy"), MSE("MSE of softmax probabilities");

        final String label;

        Loss(String label) {
            this.label = label;
        }

        Value perExample(Value logits, Value labels) {
            return switch (this) {
                case CROSS_ENTROPY -> logits.loss(OpCode.CROSS_ENTROPY, labels, Attrs.Reduction.NONE);
                case MSE -> logits.softmax(1).loss(OpCode.MSE_LOSS, labels.oneHot(CLASSES), Attrs.Reduction.NONE)
                        .mean(1);
            };
        }
    }

    /** One example at one confidence: each loss and the norm of its gradient at the logits. */
    record Row(double wrongProbability, double trueProbability, double[] loss, double[] gradientNorm) {
        double loss(Loss l) {
            return loss[l.ordinal()];
        }

        double gradientNorm(Loss l) {
            return gradientNorm[l.ordinal()];
        }
    }

    @Override
    public String name() {
        return "losses";
    }

    @Override
    public String title() {
        return "cross-entropy against MSE when a classifier is confident and wrong: the gradient each gives the logits";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        run.out().printf(Locale.ROOT, "A %d-class classifier gives probability p to a wrong class and spreads 1 - p "
                + "evenly over the other %d,%nthe true one among them. Losses: cross-entropy -log softmax(z)[y], and "
                + "the MSE of the softmax%nprobabilities against the one-hot target, mean((softmax(z) - onehot(y))^2). "
                + "Their gradients at the logits z%nby chainrule's reverse mode, on the compiled step.%n%n", CLASSES,
                CLASSES - 1);
        run.out().printf(Locale.ROOT, "%8s %10s | %10s %12s | %10s %12s | %12s%n", "p wrong", "p true", "CE loss",
                "|dCE/dz|", "MSE loss", "|dMSE/dz|", "|dCE|/|dMSE|");
        for (Row r : rows(TABLE_CONFIDENCES)) {
            run.out().printf(Locale.ROOT, "%8.4f %10.2e | %10.4f %12.4e | %10.4f %12.4e | %12.1f%n",
                    r.wrongProbability(), r.trueProbability(), r.loss(Loss.CROSS_ENTROPY),
                    r.gradientNorm(Loss.CROSS_ENTROPY), r.loss(Loss.MSE), r.gradientNorm(Loss.MSE),
                    r.gradientNorm(Loss.CROSS_ENTROPY) / r.gradientNorm(Loss.MSE));
        }
        drawGradientsAndLosses(run);

        double matched = matchedRate();
        run.out().printf(Locale.ROOT, "%nGradient descent on the logits themselves, z <- z - rate * dL/dz, from a "
                + "wrong confidence p:%nsteps until the true class has the highest probability. At rate %.0f MSE's "
                + "first step is as long as%ncross-entropy's at rate 1 when the classifier is unsure (p = %.1f): what "
                + "remains is the saturation, not MSE's%nsmaller scale.%n%n", matched, UNSURE);
        run.out().printf(Locale.ROOT, "%8s | %14s | %14s | %14s%n", "p wrong", "CE, rate 1", "MSE, rate 1",
                String.format(Locale.ROOT, "MSE, rate %.0f", matched));
        for (double start : run.quick() ? QUICK_DESCENT_STARTS : DESCENT_STARTS) {
            run.out().printf(Locale.ROOT, "%8s | %14s | %14s | %14s%n", start, steps(descent(Loss.CROSS_ENTROPY, 1,
                    start)), steps(descent(Loss.MSE, 1, start)), steps(descent(Loss.MSE, matched, start)));
        }
        XYChart descent = Figures.lines("Gradient descent on the logits from " + Math.round(PLOTTED_START * 100)
                + "% wrong", "step", "probability of the true class");
        plotDescent(descent, "cross-entropy, rate 1", descent(Loss.CROSS_ENTROPY, 1, PLOTTED_START));
        plotDescent(descent, "MSE, rate 1", descent(Loss.MSE, 1, PLOTTED_START));
        plotDescent(descent, String.format(Locale.ROOT, "MSE, rate %.0f", matched),
                descent(Loss.MSE, matched, PLOTTED_START));
        run.figure("descent", descent);

        Row confident = rows(new double[] {0.99}).get(0);
        run.out().printf(Locale.ROOT, "%nAt p wrong = 0.99 cross-entropy's gradient at the logits is %.0f times MSE's "
                + "(%.0f times when unsure).%nMSE's gradient goes through the softmax's slope, which vanishes as the "
                + "softmax saturates: it falls like%n1 - p. Cross-entropy's, softmax(z) - onehot(y), tends to sqrt(2). "
                + "So MSE learns slowest exactly when the%nclassifier is most confidently wrong.%n",
                confident.gradientNorm(Loss.CROSS_ENTROPY) / confident.gradientNorm(Loss.MSE), matched);
    }

    /** Gradient norms (log scale) and losses over the confidence in the wrong class, counted in nines. */
    private static void drawGradientsAndLosses(LessonRun run) throws IOException {
        int points = run.quick() ? 60 : 240;
        double[] p = new double[points];
        double[] nines = new double[points];
        for (int i = 0; i < points; i++) {
            nines[i] = NINES_LOW + (NINES_HIGH - NINES_LOW) * i / (points - 1);
            p[i] = 1 - Math.pow(10, -nines[i]);
        }
        List<Row> curve = rows(p);
        String x = "confidence in the wrong class, in nines: -log10(1 - p)";
        XYChart gradients = Figures.lines("Gradient at the logits when confident and wrong", x,
                "norm of the gradient at the logits");
        gradients.getStyler().setYAxisLogarithmic(true);
        XYChart losses = Figures.lines("Loss when confident and wrong", x, "loss");
        for (XYChart c : List.of(gradients, losses)) {
            // whole and half nines as ticks, not XChart's from the first point
            c.getStyler().setXAxisMin(0.0).setXAxisMax(NINES_HIGH).setXAxisDecimalPattern("0.0");
        }
        for (Loss l : Loss.values()) {
            Figures.line(gradients, l.label, nines, curve.stream().mapToDouble(r -> r.gradientNorm(l)).toArray());
            Figures.line(losses, l.label, nines, curve.stream().mapToDouble(r -> r.loss(l)).toArray());
        }
        run.figure("gradient-at-logits", gradients);
        run.figure("loss", losses);
    }

    /** MSE's learning rate that makes its gradient step as long as cross-entropy's at rate 1 when unsure. */
    static double matchedRate() {
        Row unsure = rows(new double[] {UNSURE}).get(0);
        return Math.rint(unsure.gradientNorm(Loss.CROSS_ENTROPY) / unsure.gradientNorm(Loss.MSE));
    }

    private static String steps(Descent d) {
        return d.stepsToRight() < 0 ? "> " + MAX_STEPS : String.valueOf(d.stepsToRight());
    }

    private static void plotDescent(XYChart chart, String name, Descent d) {
        double[] steps = new double[d.trueProbability().length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        Figures.line(chart, name, steps, d.trueProbability());
    }

    /** Logits giving {@code wrongProbability} to the wrong class and the rest evenly to the other classes. */
    static float[] logits(double wrongProbability) {
        float[] z = new float[CLASSES];
        z[WRONG_CLASS] = (float) Math.log(wrongProbability * (CLASSES - 1) / (1 - wrongProbability));
        return z;
    }

    /** Each loss and its gradient norm at the logits, for one example per confidence. */
    static List<Row> rows(double[] wrongProbabilities) {
        int n = wrongProbabilities.length;
        float[] z = new float[n * CLASSES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(logits(wrongProbabilities[i]), 0, z, i * CLASSES, CLASSES);
        }
        Tensor logits = Tensor.of(z, n, CLASSES);
        Tensor labels = Tensor.of(new int[n], n);
        Arrays.fill(labels.ints(), TRUE_CLASS);
        double[][] loss = new double[Loss.values().length][];
        double[][] norm = new double[Loss.values().length][];
        for (Loss l : Loss.values()) {
            Map<String, Tensor> out = gradientAtLogits(l, n).run(Map.of("logits", logits, "labels", labels));
            loss[l.ordinal()] = doubles(out.get("per_example"));
            norm[l.ordinal()] = rowNorms(out.get(Gradients.outputName("logits")), n);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double pTrue = (1 - wrongProbabilities[i]) / (CLASSES - 1);
            rows.add(new Row(wrongProbabilities[i], pTrue, new double[] {loss[0][i], loss[1][i]},
                    new double[] {norm[0][i], norm[1][i]}));
        }
        return rows;
    }

    /**
     * The loss of n examples and its gradient with respect to their logits, compiled: outputs {@code probabilities},
     * {@code per_example} and {@code logits.grad}. The loss differentiated is the sum over examples, so row i of the
     * gradient is example i's own.
     */
    static Executable gradientAtLogits(Loss loss, int n) {
        GraphBuilder b = new GraphBuilder("losses");
        Value z = b.input("logits", DType.F32, n, CLASSES);
        Value y = b.input("labels", DType.I32, n);
        Value perExample = loss.perExample(z, y);
        b.output("probabilities", z.softmax(1));
        b.output("per_example", perExample);
        b.output("loss", perExample.sum(0));
        Graph g = Gradients.of(b.build(), "loss", new Gradients.Options(List.of("logits"), false));
        return Backends.preferred().prepare(g);
    }

    /** Gradient descent on one example's logits: the true class's probability at each step, and when it led. */
    record Descent(double[] trueProbability, int stepsToRight) {
    }

    /** z <- z - rate * dL/dz from a wrong confidence {@code start}, until the true class is the most probable. */
    static Descent descent(Loss loss, double rate, double start) {
        Tensor z = Tensor.of(logits(start), 1, CLASSES);
        Tensor y = Tensor.of(new int[] {TRUE_CLASS}, 1);
        List<Double> trueProbability = new ArrayList<>();
        try (BoundStep step = gradientAtLogits(loss, 1).bind(Map.of("logits", z, "labels", y))) {
            float[] v = z.floats();
            for (int s = 0; s <= MAX_STEPS; s++) {
                step.run();
                float[] p = step.output("probabilities").floats();
                trueProbability.add((double) p[TRUE_CLASS]);
                if (argmax(p) == TRUE_CLASS) {
                    return new Descent(unboxed(trueProbability), s);
                }
                float[] g = step.output(Gradients.outputName("logits")).floats();
                for (int c = 0; c < CLASSES; c++) {
                    v[c] -= (float) (rate * g[c]);
                }
            }
        }
        return new Descent(unboxed(trueProbability), -1);
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] rowNorms(Tensor t, int rows) {
        int width = t.size() / rows;
        double[] norms = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < width; c++) {
                double v = t.getDouble(r * width + c);
                s += v * v;
            }
            norms[r] = Math.sqrt(s);
        }
        return norms;
    }

    private static double[] doubles(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDouble(i);
        }
        return d;
    }
}
