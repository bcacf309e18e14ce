package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Simplifier;
import io.chainrule.ir.Graph;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * What a gradient costs without backpropagation: central differences need two forward passes per parameter,
 * (L(w + h) - L(w - h)) / 2h, against one compiled backward pass for all of them. Measured on the lesson's MLP at
 * several widths, on one MNIST batch: the differences for a random sample of parameters, extrapolated to all of them
 * (measuring every one would take hours for the largest), and the backward pass as the median of several runs.
 */
final class NoBackpropLesson implements Lesson {
    static final int BATCH = 100;
    static final long SEED = 0;
    /** The central differences' step: f32 losses, so not the 1e-6 of the float64 gradient check. */
    static final float STEP = 1e-2f;
    /** The lesson's hidden widths 120 and 84 times 1/8 to 8. */
    static final int[][] WIDTHS = {{15, 11}, {30, 21}, {60, 42}, {120, 84}, {240, 168}, {480, 336}, {960, 672}};
    static final int[][] QUICK_WIDTHS = {{15, 11}, {60, 42}, {240, 168}};
    static final int SAMPLED = 100;
    static final int QUICK_SAMPLED = 30;
    /** The most seconds the compiled steps of one width run before they are timed (see settle). */
    static final double WARM_UP = 15;
    static final double QUICK_WARM_UP = 3;

    /** One width: its parameter count, the measured times (seconds) and the extrapolated one. */
    record Timing(int hidden1, int hidden2, long parameters, int sampled, double forwardPass, double backprop,
                  double agreement) {
        /** Two forward passes per parameter. */
        double differences() {
            return 2 * parameters * forwardPass;
        }

        double ratio() {
            return differences() / backprop;
        }

        String widths() {
            return hidden1 + "-" + hidden2;
        }
    }

    @Override
    public String name() {
        return "no-backprop";
    }

    @Override
    public String title() {
        return "one gradient by central differences against one compiled backward pass, for several widths";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        show(run);
    }

    /** Measures, prints and draws; returns the timings, for tests. */
    List<Timing> show(LessonRun run) throws IOException {
        Dataset batch = Mnist.train(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES))
                .normalized(Mnist.MEAN, Mnist.STD).rows(0, BATCH);
        int sampled = run.quick() ? QUICK_SAMPLED : SAMPLED;
        run.out().printf(Locale.ROOT, "The lesson's MLP 784-h1-h2-10 on one batch of %d MNIST images, on the compiled "
                + "step. Central differences%nneed two forward passes per parameter: timed on %d parameters drawn at "
                + "random and extrapolated to all P%nparameters (2P forward passes), not measured in full. Backprop: "
                + "one run of the compiled gradient graph,%ntimed after each parameter's two forward passes. Each time "
                + "is the fastest of its runs, once the JIT has%ncompiled the steps (the first width is measured once "
                + "more before, and dropped): the cost without%ninterference from whatever else runs on this machine."
                + "%n%n", BATCH, sampled);
        run.out().printf(Locale.ROOT, "%9s %10s %12s %16s %14s %10s %10s %12s%n", "hidden", "P", "forward",
                "differences", "backprop", "ratio", "ratio/P", "agreement");
        int[][] widths = run.quick() ? QUICK_WIDTHS : WIDTHS;
        double warmUp = run.quick() ? QUICK_WARM_UP : WARM_UP;
        // the first steps of a JVM also wait for the JIT to compile the shared kernels: a first pass, dropped
        measure(widths[0][0], widths[0][1], batch, sampled, warmUp);
        List<Timing> timings = new ArrayList<>();
        for (int[] w : widths) {
            Timing t = measure(w[0], w[1], batch, sampled, warmUp);
            timings.add(t);
            run.out().printf(Locale.ROOT, "%9s %,10d %9.3f ms %14s %11.3f ms %,10.0f %10.2f %12.1e%n", t.widths(),
                    t.parameters(), 1e3 * t.forwardPass(), duration(t.differences()), 1e3 * t.backprop(), t.ratio(),
                    t.ratio() / t.parameters(), t.agreement());
        }
        run.out().printf(Locale.ROOT, "%nforward: one forward pass with the loss; differences: 2P of them "
                + "(extrapolated); agreement: how far%nthe sampled differences are from backprop's gradient, over the "
                + "largest of them (f32, step %s).%n", STEP);

        double[] p = timings.stream().mapToDouble(Timing::parameters).toArray();
        XYChart ratio = Figures.lines("Gradient by central differences over one backward pass",
                "parameters P", "time ratio");
        XYChart times = Figures.lines("Time for one full gradient of the MLP", "parameters P", "seconds");
        for (XYChart c : List.of(ratio, times)) {
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        }
        Figures.line(ratio, "central differences / backprop, measured", p,
                timings.stream().mapToDouble(Timing::ratio).toArray());
        Figures.line(ratio, "2P: the ratio if backprop cost one forward pass", p,
                Arrays.stream(p).map(x -> 2 * x).toArray());
        Figures.line(times, "central differences (extrapolated)", p,
                timings.stream().mapToDouble(Timing::differences).toArray());
        Figures.line(times, "backprop (measured)", p, timings.stream().mapToDouble(Timing::backprop).toArray());
        run.figure("ratio", ratio);
        run.figure("times", times);

        Timing first = timings.get(0);
        Timing last = timings.get(timings.size() - 1);
        double[] backpropInForwardPasses = timings.stream().mapToDouble(t -> t.backprop() / t.forwardPass()).toArray();
        run.out().printf(Locale.ROOT, "%nThe lesson's third question: why is one backward pass so much cheaper than "
                + "perturbing each weight?%nA forward pass touches every one of the P weights, and differences need 2P "
                + "of them: O(P^2) work for%none gradient. Backprop gets all P derivatives from one forward and one "
                + "backward pass, here %.1f to %.1f%nforward passes' worth: O(P). So the ratio grows with P, from "
                + "%,.0f at P = %,d to %,.0f at P = %,d,%nwhere one gradient by differences takes %s against %.1f ms "
                + "by backprop.%n", Arrays.stream(backpropInForwardPasses).min().orElseThrow(),
                Arrays.stream(backpropInForwardPasses).max().orElseThrow(), first.ratio(), first.parameters(),
                last.ratio(), last.parameters(), duration(last.differences()), 1e3 * last.backprop());
        return timings;
    }

    /** The MLP with hidden widths h1 and h2, as the lesson's. */
    static Sequential mlp(int hidden1, int hidden2) {
        return new Sequential(new Flatten(), new Linear("fc1", 784, hidden1), Activation.RELU,
                new Linear("fc2", hidden1, hidden2), Activation.RELU, new Linear("out", hidden2, 10),
                new LogSoftmax(1));
    }

    /** Times central differences on {@code sampled} random parameters and the compiled backward pass. */
    static Timing measure(int hidden1, int hidden2, Dataset batch, int sampled, double maxWarmUpSeconds) {
        try (Model model = Model.builder(mlp(hidden1, hidden2)).name("mlp").input(1, 28, 28).seed(SEED).build()) {
            Map<String, Tensor> feeds = new HashMap<>(model.parameters());
            feeds.put("x", batch.featureTensor());
            feeds.put("y", batch.targetTensor());
            Graph forward = model.forward(BATCH, true);
            Graph gradient = Simplifier.simplify(Gradients.of(forward, "loss"));
            try (BoundStep loss = Backends.preferred().prepare(forward).bind(feeds);
                 BoundStep backprop = Backends.preferred().prepare(gradient).bind(feeds)) {
                settle(maxWarmUpSeconds, loss, backprop);
                List<String> names = new ArrayList<>(model.parameters().keySet());
                long total = model.parameterCount();
                SplittableRandom rng = new SplittableRandom(SEED);
                double forwardPass = Double.POSITIVE_INFINITY;
                double backward = Double.POSITIVE_INFINITY;
                double worst = 0;
                double largest = 0;
                for (int s = 0; s < sampled; s++) {
                    // a parameter drawn uniformly from all P: its tensor, then its element
                    long k = rng.nextLong(total);
                    String name = names.get(0);
                    for (String n : names) {
                        name = n;
                        if (k < model.parameters().get(n).size()) {
                            break;
                        }
                        k -= model.parameters().get(n).size();
                    }
                    float[] w = model.parameters().get(name).floats();
                    int i = (int) k;
                    float original = w[i];
                    long start = System.nanoTime();
                    w[i] = original + STEP;
                    loss.run();
                    double plus = loss.output("loss").getDouble(0);
                    w[i] = original - STEP;
                    loss.run();
                    double minus = loss.output("loss").getDouble(0);
                    forwardPass = Math.min(forwardPass, (System.nanoTime() - start) / 2e9);
                    w[i] = original;
                    // a backward pass right after, so that both see the machine as busy as it then is
                    start = System.nanoTime();
                    backprop.run();
                    backward = Math.min(backward, (System.nanoTime() - start) / 1e9);
                    double numeric = (plus - minus) / (2.0 * STEP);
                    double exact = backprop.output(Gradients.outputName(name)).getDouble(i);
                    worst = Math.max(worst, Math.abs(numeric - exact));
                    largest = Math.max(largest, Math.max(Math.abs(numeric), Math.abs(exact)));
                }
                return new Timing(hidden1, hidden2, total, sampled, forwardPass, backward,
                        worst == 0 ? 0 : worst / largest);
            }
        }
    }

    /**
     * Runs the steps in turn until the JIT has compiled them: in rounds of at least 10 runs and 0.1 s, until two
     * rounds in a row are no faster than 0.8 times the best before them for every step (the time per run has stopped
     * falling), or for at most {@code maxSeconds}. Until the JIT compiles them, a new step and the Vector API products
     * run up to a hundred times slower.
     */
    private static void settle(double maxSeconds, BoundStep... steps) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        double[] best = new double[steps.length];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int flat = 0;
        while (System.nanoTime() < deadline) {
            double[] perRun = new double[steps.length];
            long start = System.nanoTime();
            int runs = 0;
            while (runs < 10 || System.nanoTime() - start < 100_000_000L) {
                for (int i = 0; i < steps.length; i++) {
                    long t = System.nanoTime();
                    steps[i].run();
                    perRun[i] += System.nanoTime() - t;
                }
                runs++;
            }
            boolean falling = false;
            for (int i = 0; i < steps.length; i++) {
                perRun[i] /= runs;
                falling |= perRun[i] < 0.8 * best[i];
                best[i] = Math.min(best[i], perRun[i]);
            }
            flat = falling ? 0 : flat + 1;
            if (flat == 2) {
                return;
            }
        }
    }

    /** Seconds as the largest unit that keeps them above 1: ms, s, min or h. */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.1f ms", 1e3 * seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return seconds < 3600 ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
