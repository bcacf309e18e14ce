package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * Vanishing gradients and dying ReLU, two ways a unit stops learning. First the gradient norm of each layer's weights
 * in a 10-layer network on one MNIST batch, with sigmoid and with ReLU between the layers and the same weights: each
 * sigmoid passes back at most a quarter of the gradient, so the first layers of the sigmoid network get almost none.
 * Then the lesson's MLP with its hidden biases started too negative: units whose output is 0 on every training example
 * are dead, get a zero gradient, and training cannot move them.
 */
final class VanishingLesson implements Lesson {
    static final int DEPTH = 10;
    static final int WIDTH = 64;
    static final int BATCH = 100;
    static final long SEED = 1;
    /** Examples per forward run when looking for dead units. */
    static final int CHUNK = 1000;
    /** The hidden biases' starting values; NaN stands for PyTorch's default, U(-1/sqrt(in), 1/sqrt(in)). */
    static final double[] BIASES = {Double.NaN, -0.25, -0.5, -0.75, -1, -1.5, -2, -3};
    static final double[] QUICK_BIASES = {-0.5, -3};

    /** How the deep network's weights start. */
    enum Init {
        DEFAULT("PyTorch's default init"), HE("He init");

        final String label;

        Init(String label) {
            this.label = label;
        }

        /** PyTorch's default U(-1/sqrt(in), 1/sqrt(in)) for both, or kaiming_normal_ for ReLU and zero biases. */
        Linear linear(String name, int in, int out) {
            return switch (this) {
                case DEFAULT -> new Linear(name, in, out);
                case HE -> new Linear(name, in, out, true, new Initializer.KaimingNormal(in, Initializer.RELU_GAIN),
                        new Initializer.Zeros());
            };
        }
    }

    /** Each layer's weight-gradient norm, first layer first. */
    record LayerGradients(Activation activation, Init init, double[] norms) {
        String label() {
            return activation.text() + ", " + init.label;
        }

        /** Layer 1's gradient norm over the last layer's. */
        double firstOverLast() {
            return norms[0] / norms[norms.length - 1];
        }
    }

    /** One hidden layer's dead units before and after training. */
    record Dead(String layer, int units, boolean[] before, boolean[] after) {
        int deadBefore() {
            return count(before);
        }

        int deadAfter() {
            return count(after);
        }

        /** Units alive before training and dead after it. */
        int died() {
            int n = 0;
            for (int i = 0; i < units; i++) {
                n += !before[i] && after[i] ? 1 : 0;
            }
            return n;
        }

        /** Units dead before training and alive after it. */
        int revived() {
            int n = 0;
            for (int i = 0; i < units; i++) {
                n += before[i] && !after[i] ? 1 : 0;
            }
            return n;
        }

        private static int count(boolean[] dead) {
            int n = 0;
            for (boolean d : dead) {
                n += d ? 1 : 0;
            }
            return n;
        }
    }

    /** The dying-ReLU experiment at one starting bias. */
    record DyingRun(double bias, List<Dead> layers, double accuracyAfter) {
        double fractionBefore() {
            return layers.stream().mapToInt(Dead::deadBefore).sum() / (double) units();
        }

        double fractionAfter() {
            return layers.stream().mapToInt(Dead::deadAfter).sum() / (double) units();
        }

        int revived() {
            return layers.stream().mapToInt(Dead::revived).sum();
        }

        int units() {
            return layers.stream().mapToInt(Dead::units).sum();
        }
    }

    @Override
    public String name() {
        return "vanishing";
    }

    @Override
    public String title() {
        return "vanishing gradients in a 10-layer sigmoid network against ReLU; dead ReLU units after a negative bias";
    }

    /** What the lesson measured: gradient norms per layer, and the dying-ReLU runs. */
    record Findings(List<LayerGradients> gradients, List<DyingRun> dying) {
    }

    @Override
    public void run(LessonRun run) throws IOException {
        show(run);
    }

    /** Measures, prints and draws; returns what it measured, for tests. */
    Findings show(LessonRun run) throws IOException {
        Dataset train = Mnist.train(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES))
                .normalized(Mnist.MEAN, Mnist.STD);
        List<LayerGradients> gradients = showGradients(run, train.rows(0, BATCH));
        List<DyingRun> dying = showDyingRelu(run, train.rows(0, run.quick() ? 2000 : 10_000));
        return new Findings(gradients, dying);
    }

    private static List<LayerGradients> showGradients(LessonRun run, Dataset batch) throws IOException {
        run.out().printf(Locale.ROOT, "A %d-layer network, 784-%s-10, on one batch of %d MNIST training images at "
                + "initialization%n(seed %d), with sigmoid or with ReLU after each hidden layer and the same weights: "
                + "PyTorch's default%nU(-1/sqrt(in), 1/sqrt(in)), or He's N(0, 2/in) with zero biases, made for ReLU. "
                + "The norm of the gradient%nof the cross-entropy loss with respect to each layer's weight, by "
                + "chainrule's reverse mode on the compiled step:%n%n", DEPTH, (WIDTH + "-").repeat(DEPTH - 2) + WIDTH,
                BATCH, SEED);
        List<LayerGradients> all = new ArrayList<>();
        for (Init init : Init.values()) {
            for (Activation a : List.of(Activation.SIGMOID, Activation.RELU)) {
                all.add(layerGradients(a, init, batch));
            }
        }
        run.out().printf(Locale.ROOT, "%6s", "");
        all.forEach(g -> run.out().printf(Locale.ROOT, " %12s", g.activation().text()));
        run.out().printf(Locale.ROOT, "%n%6s", "layer");
        all.forEach(g -> run.out().printf(Locale.ROOT, " %12s", g.init() == Init.DEFAULT ? "default init" : "He init"));
        run.out().println();
        for (int l = 0; l < DEPTH; l++) {
            run.out().printf(Locale.ROOT, "%6d", l + 1);
            for (LayerGradients g : all) {
                run.out().printf(Locale.ROOT, " %12.3e", g.norms()[l]);
            }
            run.out().println();
        }
        run.out().printf(Locale.ROOT, "%6s", "1/10");
        all.forEach(g -> run.out().printf(Locale.ROOT, " %12.1e", g.firstOverLast()));
        run.out().printf(Locale.ROOT, "%n%nThe sigmoid network's first layer gets %.0e (default init) and %.0e (He "
                + "init) of its last layer's%ngradient: sigmoid's slope is at most 0.25, and each layer multiplies the "
                + "error signal by it. The ReLU%nnetwork's gets %.0e and %.0e: ReLU passes the gradient unchanged "
                + "wherever it is active, and with%nHe's init, scaled for that, the gradient keeps its size through "
                + "the layers.%n", all.get(0).firstOverLast(), all.get(2).firstOverLast(), all.get(1).firstOverLast(),
                all.get(3).firstOverLast());
        XYChart chart = Figures.lines("Gradient norm per layer at initialization, " + DEPTH + "-layer network",
                "layer (1 = next to the input)", "norm of the weight gradient");
        chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideSE);
        double[] layers = new double[DEPTH];
        for (int l = 0; l < DEPTH; l++) {
            layers[l] = l + 1;
        }
        all.forEach(g -> Figures.line(chart, g.label(), layers, g.norms()));
        run.figure("gradient-per-layer", chart);
        return all;
    }

    private static List<DyingRun> showDyingRelu(LessonRun run, Dataset subset) throws IOException {
        int epochs = run.quick() ? 1 : 3;
        run.out().printf(Locale.ROOT, "%nDying ReLU: the lesson's MLP 784-120-84-10 with both hidden layers' biases "
                + "started at b, trained%n%d epoch%s (Adam 0.001, batch 100) on %,d MNIST training images. A unit is "
                + "dead when its ReLU outputs 0%nfor every one of those images: its incoming weights and bias then get "
                + "a zero gradient.%n%n", epochs, epochs == 1 ? "" : "s", subset.size());
        run.out().printf(Locale.ROOT, "%10s | %-17s | %-17s | %-17s | %8s%n", "", "dead before", "dead after",
                "revived", "");
        run.out().printf(Locale.ROOT, "%10s | %8s %8s | %8s %8s | %8s %8s | %8s%n", "bias b", "fc1/120", "fc2/84",
                "fc1/120", "fc2/84", "fc1", "fc2", "accuracy");
        List<DyingRun> runs = new ArrayList<>();
        for (double b : run.quick() ? QUICK_BIASES : BIASES) {
            DyingRun r = dyingRun(b, subset, epochs);
            runs.add(r);
            Dead fc1 = r.layers().get(0);
            Dead fc2 = r.layers().get(1);
            run.out().printf(Locale.ROOT, "%10s | %8d %8d | %8d %8d | %8d %8d | %7.1f%%%n", biasText(b),
                    fc1.deadBefore(), fc2.deadBefore(), fc1.deadAfter(), fc2.deadAfter(), fc1.revived(),
                    fc2.revived(), 100 * r.accuracyAfter());
        }
        XYChart dead = Figures.lines("Dead ReLU units after a negative bias", "starting bias of the hidden layers",
                "fraction of the layer's units dead");
        dead.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        List<DyingRun> negative = runs.stream().filter(r -> !Double.isNaN(r.bias())).toList();
        double[] biases = negative.stream().mapToDouble(DyingRun::bias).toArray();
        for (int layer = 0; layer < 2; layer++) {
            int l = layer;
            String name = negative.get(0).layers().get(l).layer();
            Figures.line(dead, name + ", before training", biases, negative.stream()
                    .mapToDouble(r -> r.layers().get(l).deadBefore() / (double) r.layers().get(l).units()).toArray());
            Figures.line(dead, name + ", after training", biases, negative.stream()
                    .mapToDouble(r -> r.layers().get(l).deadAfter() / (double) r.layers().get(l).units()).toArray())
                    .setLineStyle(SeriesLines.DASH_DASH);
        }
        run.figure("dead-units", dead);
        DyingRun worst = runs.get(runs.size() - 1);
        DyingRun mostRevived = runs.stream().max(Comparator.comparingInt(r -> r.layers().get(1).revived()))
                .orElseThrow();
        int fc1Revived = runs.stream().mapToInt(r -> r.layers().get(0).revived()).sum();
        DyingRun first = runs.get(0);
        run.out().printf(Locale.ROOT, "%nAt b = %s, %.1f%% of the hidden units are dead before training and %.1f%% "
                + "after it.%nA dead unit of fc1 sees the images themselves, which training does not change, so its "
                + "zero gradient keeps%nit dead for good: %s. A unit of fc2 can come back when the layer below it "
                + "learns%nand changes its inputs: %d did at b = %s. Training also kills units: at b = %s, %d of fc1's "
                + "and %d of%nfc2's were alive before it and dead after.%n", biasText(worst.bias()),
                100 * worst.fractionBefore(), 100 * worst.fractionAfter(), fc1Revived == 0
                        ? "no fc1 unit came back, at any bias" : fc1Revived + " fc1 units came back, over every bias",
                mostRevived.layers().get(1).revived(), biasText(mostRevived.bias()), biasText(first.bias()),
                first.layers().get(0).died(), first.layers().get(1).died());
        runs.stream().filter(r -> r.layers().get(1).deadBefore() == r.layers().get(1).units()).findFirst()
                .ifPresent(r -> run.out().printf(Locale.ROOT, "From b = %s every unit of fc2 is dead, so no gradient "
                        + "reaches fc1 either, dead or alive (%d of its%n120 units are dead there), and the network "
                        + "learns nothing: only the output layer's bias trains, so it gives%nevery image the same "
                        + "digit, right %.1f%% of the time (the most frequent digit is %.1f%% of these images).%n",
                        biasText(r.bias()), r.layers().get(0).deadBefore(), 100 * r.accuracyAfter(),
                        100 * mostFrequentShare(subset)));
        return runs;
    }

    /** The share of the most frequent class among {@code data}'s examples. */
    static double mostFrequentShare(Dataset data) {
        int[] counts = new int[data.classes()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        return Arrays.stream(counts).max().orElseThrow() / (double) data.size();
    }

    /** A network of {@link #DEPTH} linear layers with {@code activation} after every one but the last. */
    static Layer deepNetwork(Activation activation, Init init) {
        List<Layer> layers = new ArrayList<>(List.of(new Flatten()));
        for (int l = 1; l <= DEPTH; l++) {
            layers.add(init.linear("fc" + l, l == 1 ? 784 : WIDTH, l == DEPTH ? 10 : WIDTH));
            if (l < DEPTH) {
                layers.add(activation);
            }
        }
        return new Sequential(layers);
    }

    /** The norm of the loss's gradient with respect to each layer's weight, on {@code batch}. */
    static LayerGradients layerGradients(Activation activation, Init init, Dataset batch) {
        try (Model model = Model.builder(deepNetwork(activation, init)).name("deep_" + activation.text())
                .input(1, 28, 28).seed(SEED).build()) {
            Graph g = Gradients.of(model.forward(batch.size(), true), "loss");
            Map<String, Tensor> feeds = new HashMap<>(model.parameters());
            feeds.put("x", batch.featureTensor());
            feeds.put("y", batch.targetTensor());
            Map<String, Tensor> out = Backends.preferred().prepare(g).run(feeds);
            double[] norms = new double[DEPTH];
            for (int l = 0; l < DEPTH; l++) {
                norms[l] = norm(out.get(Gradients.outputName("fc" + (l + 1) + ".weight")));
            }
            return new LayerGradients(activation, init, norms);
        }
    }

    /** The lesson's MLP with both hidden biases started at {@code bias} (NaN: PyTorch's default). */
    static Layer mlp(double bias) {
        return new Sequential(new Flatten(), linear("fc1", 784, 120, bias), Activation.RELU,
                linear("fc2", 120, 84, bias), Activation.RELU, new Linear("out", 84, 10));
    }

    private static Linear linear(String name, int in, int out, double bias) {
        Initializer weights = new Initializer.LinearDefault(in);
        return new Linear(name, in, out, true, weights, Double.isNaN(bias) ? weights : new Initializer.Fill(bias));
    }

    /** Dead units of the MLP started at {@code bias}, before and after training on {@code data}. */
    static DyingRun dyingRun(double bias, Dataset data, int epochs) {
        try (Model model = Model.builder(mlp(bias)).name("mlp").input(1, 28, 28).seed(SEED).build()) {
            List<boolean[]> before = deadUnits(model, data);
            model.fit(data, null, FitOptions.defaults().epochs(epochs).batchSize(BATCH).optimizer(Adam.of(0.001))
                    .seed(SEED));
            List<boolean[]> after = deadUnits(model, data);
            double accuracy = ((ClassificationMetrics) model.evaluate(data)).accuracy();
            return new DyingRun(bias, List.of(new Dead("fc1", 120, before.get(0), after.get(0)),
                    new Dead("fc2", 84, before.get(1), after.get(1))), accuracy);
        }
    }

    /**
     * For each ReLU of the model, in order, which of its units output 0 for every example of {@code data}: the
     * forward graph with each ReLU's output as an output too, run on the compiled step.
     */
    static List<boolean[]> deadUnits(Model model, Dataset data) {
        Map<Integer, Executable> steps = new HashMap<>();
        List<boolean[]> dead = new ArrayList<>();
        for (int from = 0; from < data.size(); from += CHUNK) {
            Dataset part = data.rows(from, Math.min(data.size(), from + CHUNK));
            Map<String, Tensor> feeds = new HashMap<>(model.parameters());
            feeds.put("x", part.featureTensor());
            Map<String, Tensor> out = steps.computeIfAbsent(part.size(), rows -> withReluOutputs(model, rows))
                    .run(feeds);
            for (int r = 0; out.containsKey(relu(r)); r++) {
                Tensor h = out.get(relu(r));
                int units = h.shape().dim(1);
                if (dead.size() == r) {
                    boolean[] all = new boolean[units];
                    Arrays.fill(all, true);
                    dead.add(all);
                }
                float[] v = h.floats();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] > 0) {
                        dead.get(r)[i % units] = false;
                    }
                }
            }
        }
        return dead;
    }

    /** The model's forward graph for {@code rows} examples, with the output of its r-th ReLU as output relu{r}. */
    private static Executable withReluOutputs(Model model, int rows) {
        Graph forward = model.forward(rows, false);
        GraphBuilder b = GraphBuilder.extend(forward);
        int r = 0;
        for (Node n : forward.nodes()) {
            if (n.op() == OpCode.RELU) {
                b.output(relu(r++), b.value(n.id()));
            }
        }
        return Backends.preferred().prepare(b.build());
    }

    private static String relu(int r) {
        return "relu" + r;
    }

    static String biasText(double bias) {
        return Double.isNaN(bias) ? "default" : String.valueOf(bias);
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.getDouble(i) * t.getDouble(i);
        }
        return Math.sqrt(s);
    }
}
