package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.PerceptronRule;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.ir.text.TextPrinter;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The perceptron: step(w.x + b), learning by its own rule w <- w + eta (y - yhat) x, which chainrule builds as an
 * update graph (no loss, no gradient) and runs on the compiled step. It learns AND and OR, and never XOR, which no
 * line separates; an MLP with two hidden units, trained by backprop, does.
 */
final class PerceptronLesson implements Lesson {
    static final double ETA = 0.5;
    static final int XOR_EPOCHS = 1000;
    static final int MLP_EPOCHS = 300;
    /** The MLP's seed for the figure; the lesson also reports how many of seeds 0 to 9 solve XOR (0 to 2 quick). */
    static final long MLP_SEED = 0;
    static final int SEEDS = 10;
    private static final String WEIGHT = "perceptron.weight";
    private static final String BIAS = "perceptron.bias";

    static final Map<String, PlaneData> GATES = new LinkedHashMap<>();

    static {
        GATES.put("AND", PlaneData.truthTable(0, 0, 0, 1));
        GATES.put("OR", PlaneData.truthTable(0, 1, 1, 1));
        GATES.put("XOR", PlaneData.truthTable(0, 1, 1, 0));
    }

    /**
     * The rule's run on a truth table, epoch by epoch (index e for epoch e + 1): the weights and bias after it
     * {w1, w2, b}, the mistakes made during it, and the accuracy after it; and the weights after each step (row) of
     * the last epoch.
     *
     * @param converged the first epoch without a mistake, or -1
     * @param repeats   the first epoch after which the weights equal those after an earlier epoch, or -1
     * @param repeated  that earlier epoch (0: the zero start), or -1
     */
    record Trace(List<double[]> states, List<Integer> mistakes, List<Double> accuracy, int converged, int repeats,
                 int repeated, List<double[]> lastEpochSteps) {
        int epochs() {
            return states.size();
        }

        double bestAccuracy() {
            return accuracy.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** The 2-2-2 MLP on XOR: its accuracy, hidden layer and predicted classes on a grid. */
    record Mlp(long seed, double accuracy, float[] hiddenWeight, float[] hiddenBias, int[] gridClasses,
               double finalLoss) {
    }

    @Override
    public String name() {
        return "perceptron";
    }

    @Override
    public String title() {
        return "The perceptron's rule as a graph update: AND and OR learned, XOR never; a 2-hidden-unit MLP solves XOR";
    }

    /** The rule's graph: the built-in perceptron for one example, with the update w, b <- ... */
    static Graph ruleGraph() {
        Graph perceptron = Models.find("perceptron").orElseThrow().build(1, DType.F32);
        return PerceptronRule.build(perceptron, "output", "x", WEIGHT, BIAS, ETA);
    }

    @Override
    public void run(LessonRun run) throws IOException {
        Graph rule = ruleGraph();
        run.out().printf(Locale.ROOT, "The perceptron yhat = step(w.x + b) (1 where w.x + b > 0, else 0), chainrule's "
                + "built-in model 'perceptron', starting from w = 0, b = 0. Its rule, w <- w + eta (y - yhat) x and "
                + "b <- b + eta (y - yhat) with eta = %s, is no gradient of any loss: PerceptronRule builds it as the "
                + "graph's update, one example per step (the nodes marked 'update perceptron'):%n%n", ETA);
        run.out().println(TextPrinter.print(rule));
        Backend backend = Backends.preferred();
        run.out().println("Each step runs on the " + backendName(backend) + " backend. An epoch is one pass over the "
                + "four rows of the truth table, in order.");
        run.out().println("(With a zero start, eta only scales w and b, so the predictions and the epochs counted do "
                + "not depend on it.)");
        run.out().println();

        Map<String, Trace> traces = new LinkedHashMap<>();
        for (Map.Entry<String, PlaneData> gate : GATES.entrySet()) {
            boolean separable = !gate.getKey().equals("XOR");
            Trace t = learn(backend, gate.getValue(), separable ? 100 : XOR_EPOCHS, separable);
            traces.put(gate.getKey(), t);
            run.out().printf(Locale.ROOT, "%-3s  %s%n", gate.getKey(), summary(t));
        }
        run.out().println();
        Trace xor = traces.get("XOR");
        run.out().printf(Locale.ROOT, "XOR after %d epochs: accuracy %.0f%%; the best after any epoch: %.0f%%. %s%n",
                xor.epochs(), 100 * xor.accuracy().get(xor.epochs() - 1), 100 * xor.bestAccuracy(), cycle(xor));
        run.out().printf(Locale.ROOT, "The steps of epoch %d:", xor.epochs());
        PlaneData table = GATES.get("XOR");
        for (int i = 0; i < table.size(); i++) {
            double[] w = xor.lastEpochSteps().get(i);
            run.out().printf(Locale.ROOT, "%s after row (%.0f, %.0f) w = (%.1f, %.1f), b = %.1f", i == 0 ? "" : ";",
                    table.x1()[i], table.x2()[i], w[0], w[1], w[2]);
        }
        run.out().println(".");
        run.out().println("Why (the lesson's second question): the rule only moves w and b while a point is "
                + "misclassified, and for XOR some point always is, because no line separates it: step(b) = 0, "
                + "step(w2 + b) = 1, step(w1 + b) = 1 and step(w1 + w2 + b) = 0 need b <= 0, w2 + b > 0, w1 + b > 0 "
                + "and w1 + w2 + b <= 0; the middle two add up to w1 + w2 + 2b > 0, the outer two to "
                + "w1 + w2 + 2b <= 0. A line gets at most 3 of the 4 points right, so every epoch makes a mistake and "
                + "the updates never stop.");
        run.out().println();
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            run.figure("perceptron-" + e.getKey().toLowerCase(Locale.ROOT), boundaries(e.getKey(),
                    GATES.get(e.getKey()), e.getValue()));
        }
        run.figure("perceptron-xor-steps", steps("XOR", table, xor));

        run.out().println();
        int solved = 0;
        int seeds = run.quick() ? 3 : SEEDS;
        for (long seed = 0; seed < seeds; seed++) {
            solved += mlp(seed, MLP_EPOCHS, null).accuracy() == 1 ? 1 : 0;
        }
        PlaneGrid grid = new PlaneGrid(-0.5, 1.5, -0.5, 1.5, run.quick() ? 21 : 61);
        Mlp mlp = mlp(MLP_SEED, MLP_EPOCHS, grid);
        run.out().printf(Locale.ROOT,
                "An MLP with 2 hidden units, Linear(2, 2), tanh, Linear(2, 2), cross-entropy, trained by "
                + "backprop (Adam, lr 0.1, %d epochs of the 4 rows, compiled step), seed %d: accuracy on XOR %.0f%% "
                + "(final loss %.4f).%n", MLP_EPOCHS, mlp.seed(), 100 * mlp.accuracy(), mlp.finalLoss());
        run.out().printf(Locale.ROOT,
                "Its hidden units draw two lines, %s and %s; the output layer combines the two sides, "
                + "which one line cannot do. Seeds 0 to %d: %d of %d reach 100%% (two hidden units leave little room: "
                + "some starts end in a local minimum).%n", PlaneFigures.equation(mlp.hiddenWeight()[0],
                mlp.hiddenWeight()[1], mlp.hiddenBias()[0]), PlaneFigures.equation(mlp.hiddenWeight()[2],
                mlp.hiddenWeight()[3], mlp.hiddenBias()[1]), seeds - 1, solved, seeds);
        XYChart chart = PlaneFigures.chart("XOR solved by an MLP with 2 hidden units (backprop)", grid);
        PlaneFigures.regions(chart, grid, mlp.gridClasses(), "predicted 0", "predicted 1");
        PlaneFigures.points(chart, GATES.get("XOR"), "XOR = 0", "XOR = 1");
        for (int h = 0; h < 2; h++) {
            PlaneFigures.line(chart, grid, "hidden unit " + (h + 1) + ": w.x + b = 0", mlp.hiddenWeight()[2 * h],
                    mlp.hiddenWeight()[2 * h + 1], mlp.hiddenBias()[h], h == 0 ? Color.DARK_GRAY : Color.MAGENTA);
        }
        run.figure("mlp-xor", chart);
    }

    /** Where the rule on a gate it cannot learn ends up: the repetition that shows it never will. */
    static String cycle(Trace t) {
        if (t.repeats() < 0) {
            return "The weights never returned to an earlier epoch's.";
        }
        int updates = t.mistakes().subList(t.repeated(), t.repeats()).stream().mapToInt(Integer::intValue).sum();
        int period = t.repeats() - t.repeated();
        String round = period == 1 ? String.format(Locale.ROOT,
                "every epoch makes the same %d updates and ends where it "
                + "started", updates) : String.format(Locale.ROOT,
                        "the rule goes round the same cycle of %d epochs (%d "
                + "updates)", period, updates);
        return String.format(Locale.ROOT,
                "The weights after epoch %d equal those after epoch %d: from epoch %d on, %s, "
                + "forever, so no number of epochs reaches 100%%.", t.repeats(), t.repeated(), t.repeated() + 1, round);
    }

    private static String summary(Trace t) {
        int updates = t.mistakes().stream().mapToInt(Integer::intValue).sum();
        double[] last = t.states().get(t.epochs() - 1);
        String weights = String.format(Locale.ROOT, "w = (%.1f, %.1f), b = %.1f", last[0], last[1], last[2]);
        if (t.converged() > 0) {
            return String.format(Locale.ROOT, "converged: epoch %d made no mistake (%d updates in epochs 1 to %d); "
                    + "accuracy 100%%, %s", t.converged(), updates, t.converged() - 1, weights);
        }
        return String.format(Locale.ROOT, "not converged after %d epochs (%d updates); accuracy %.0f%%, best %.0f%%, "
                + "%s", t.epochs(), updates, 100 * t.accuracy().get(t.epochs() - 1), 100 * t.bestAccuracy(), weights);
    }

    /**
     * Runs the rule on {@code gate}'s four rows for up to {@code maxEpochs} epochs (stopping at the first epoch without
     * a mistake when {@code stopWhenConverged}), each example one run of the rule's compiled step; the accuracy after
     * each epoch is the forward graph's, run on the four rows with the same weight tensors.
     */
    static Trace learn(Backend backend, PlaneData gate, int maxEpochs, boolean stopWhenConverged) {
        Graph rule = ruleGraph();
        Map<String, Tensor> params = Parameters.initialize(rule, 0);
        Tensor weight = params.get(WEIGHT);
        Tensor bias = params.get(BIAS);
        Tensor x = Tensor.of(new float[2], 1, 2);
        Tensor target = Tensor.of(new float[1], 1, 1);
        Tensor all = Tensor.of(flat(gate.features()), gate.size(), 2);
        Map<String, Tensor> feeds = new HashMap<>(params);
        feeds.put("x", x);
        feeds.put("target", target);
        Graph forward = Models.find("perceptron").orElseThrow().build(gate.size(), DType.F32);
        List<double[]> states = new ArrayList<>();
        List<Integer> mistakes = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<double[]> steps = new ArrayList<>();
        Map<List<Double>, Integer> seen = new HashMap<>();
        seen.put(List.of(0.0, 0.0, 0.0), 0);
        int converged = -1;
        int repeats = -1;
        int repeated = -1;
        try (BoundStep step = backend.prepare(rule).bind(feeds);
             BoundStep predict = backend.prepare(forward).bind(Map.of("x", all, WEIGHT, weight, BIAS, bias))) {
            for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                int wrong = 0;
                steps.clear();
                for (int i = 0; i < gate.size(); i++) {
                    x.setDouble(0, gate.x1()[i]);
                    x.setDouble(1, gate.x2()[i]);
                    target.setDouble(0, gate.labels()[i]);
                    step.run();
                    wrong += (int) step.output("mistakes").getDouble(0);
                    steps.add(new double[] {weight.getDouble(0), weight.getDouble(1), bias.getDouble(0)});
                }
                predict.run();
                float[] yhat = predict.output("output").floats();
                int right = 0;
                for (int i = 0; i < gate.size(); i++) {
                    right += yhat[i] == gate.labels()[i] ? 1 : 0;
                }
                double[] state = {weight.getDouble(0), weight.getDouble(1), bias.getDouble(0)};
                states.add(state);
                mistakes.add(wrong);
                accuracy.add((double) right / gate.size());
                Integer before = seen.putIfAbsent(List.of(state[0], state[1], state[2]), epoch);
                if (before != null && repeats < 0) {
                    repeats = epoch;
                    repeated = before;
                }
                if (wrong == 0 && converged < 0) {
                    converged = epoch;
                    if (stopWhenConverged) {
                        break;
                    }
                }
            }
        }
        return new Trace(states, mistakes, accuracy, converged, repeats, repeated, steps);
    }

    /**
     * The gate's rows and the boundary after successive epochs: every epoch up to convergence (at most eight lines,
     * evenly spread), or, for a gate never learned, after epochs 1, 2, 5, 10, 50, ... up to the last.
     */
    private static XYChart boundaries(String name, PlaneData gate, Trace t) {
        PlaneGrid box = new PlaneGrid(-0.5, 1.5, -0.5, 1.5, 2);
        List<Integer> epochs = new ArrayList<>();
        String which;
        if (t.converged() > 0) {
            int every = Math.max(1, (t.converged() + 7) / 8);
            for (int e = every; e < t.converged(); e += every) {
                epochs.add(e);
            }
            epochs.add(t.converged());
            which = "after epochs 1 to " + t.converged() + (every == 1 ? "" : ", every " + every) + ", converged";
        } else {
            for (int decade = 1; decade <= t.epochs(); decade *= 10) {
                for (int e : new int[] {decade, 2 * decade, 5 * decade}) {
                    if (e <= t.epochs()) {
                        epochs.add(e);
                    }
                }
            }
            if (epochs.get(epochs.size() - 1) != t.epochs()) {
                epochs.add(t.epochs());
            }
            which = "after epochs 1 to " + t.epochs() + ", " + epochs.size() + " sampled";
        }
        XYChart chart = PlaneFigures.chart("", box);
        PlaneFigures.points(chart, gate, name + " = 0", name + " = 1");
        List<String> off = new ArrayList<>();
        // epochs that end with the same weights draw one line
        Map<List<Double>, List<Integer>> lines = new LinkedHashMap<>();
        for (int e : epochs) {
            double[] w = t.states().get(e - 1);
            lines.computeIfAbsent(List.of(w[0], w[1], w[2]), k -> new ArrayList<>()).add(e);
        }
        int k = 0;
        for (Map.Entry<List<Double>, List<Integer>> line : lines.entrySet()) {
            List<Integer> es = line.getValue();
            String when = es.size() == 1 ? "epoch " + es.get(0) : es.size() == 2 ? "epochs " + es.get(0) + " and "
                    + es.get(1) : "epochs " + es.get(0) + ", " + es.get(1) + ", ..., " + es.get(es.size() - 1);
            List<Double> w = line.getKey();
            if (PlaneFigures.line(chart, box, String.format(Locale.ROOT, "after %s (%.0f%% right)", when,
                    100 * t.accuracy().get(es.get(0) - 1)), w.get(0), w.get(1), w.get(2),
                    PlaneFigures.shade(k++, lines.size())) == null) {
                off.add(when);
            }
        }
        chart.setTitle("Perceptron on " + name + ": w.x + b = 0 " + which + (off.isEmpty() ? ""
                : " (" + String.join(", ", off) + ": off the picture)"));
        return chart;
    }

    /** The boundary after each step of the last epoch: where a rule that never converges goes round. */
    private static XYChart steps(String name, PlaneData gate, Trace t) {
        PlaneGrid box = new PlaneGrid(-0.5, 1.5, -0.5, 1.5, 2);
        XYChart chart = PlaneFigures.chart("", box);
        PlaneFigures.points(chart, gate, name + " = 0", name + " = 1");
        List<String> off = new ArrayList<>();
        for (int i = 0; i < gate.size(); i++) {
            double[] s = t.lastEpochSteps().get(i);
            String row = String.format(Locale.ROOT, "(%.0f, %.0f)", gate.x1()[i], gate.x2()[i]);
            if (PlaneFigures.line(chart, box, "after row " + row, s[0], s[1], s[2],
                    PlaneFigures.shade(i, gate.size())) == null) {
                off.add(row);
            }
        }
        chart.setTitle("Perceptron on " + name + ", each step of epoch " + t.epochs() + (off.isEmpty() ? ""
                : " (after row " + String.join(", ", off) + ": off the picture)"));
        return chart;
    }

    /**
     * The 2-2-2 MLP trained on XOR with the Model API (compiled step) from {@code seed}; its predicted classes on
     * {@code grid} (none when null).
     */
    static Mlp mlp(long seed, int epochs, PlaneGrid grid) {
        PlaneData xor = GATES.get("XOR");
        Sequential net = new Sequential(new Linear("hidden", 2, 2), Activation.TANH, new Linear("out", 2, 2));
        try (Model model = Model.builder(net).name("xor_mlp2").input(2).seed(seed).build()) {
            var history = model.fit(xor.classes(), null, FitOptions.defaults().epochs(epochs).batchSize(4)
                    .optimizer(Adam.of(0.1)).seed(seed));
            ClassificationMetrics m = (ClassificationMetrics) model.evaluate(xor.classes());
            int[] classes = grid == null ? null : model.predict(grid.points()).classes();
            return new Mlp(seed, m.accuracy(), model.parameters().get("hidden.weight").floats().clone(),
                    model.parameters().get("hidden.bias").floats().clone(), classes, history.last().trainLoss());
        }
    }

    private static String backendName(Backend b) {
        String n = b.getClass().getSimpleName();
        return n.equals("CompiledBackend") ? "compiled" : n.equals("Interpreter") ? "interpreter (no compiled backend "
                + "found)" : n;
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            out[2 * i] = rows[i][0];
            out[2 * i + 1] = rows[i][1];
        }
        return out;
    }
}
