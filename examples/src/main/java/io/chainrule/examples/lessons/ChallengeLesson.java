package io.chainrule.examples.lessons;

import io.chainrule.examples.sweep.CsvTable;
import io.chainrule.examples.sweep.FitResult;
import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.LocalSweep;
import io.chainrule.examples.sweep.Target;
import io.chainrule.ir.nn.Activation;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.RegressionMetrics;
import io.chainrule.runtime.model.Task;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lesson's challenge: does depth or width matter more? Pairs of ReLU networks with equal parameter counts, one
 * wide hidden layer against {@link #DEPTH} narrow ones, learn sin(10x) and a sawtooth made by composing tent maps (a
 * function with the hierarchical structure depth is known to exploit), over several sizes, learning rates and seeds,
 * in parallel on the local cores ({@link LocalSweep} over {@link FitTrial}s).
 */
final class ChallengeLesson implements Lesson {
    static final int DEPTH = 4;
    static final int POINTS = 1000;
    static final int BATCH = 50;
    static final Activation ACTIVATION = Activation.RELU;
    static final Target SINE = new Target.Sine(10);
    static final Target.Sawtooth SAWTOOTH = new Target.Sawtooth(4);
    static final List<Target> TARGETS = List.of(SINE, SAWTOOTH);

    /** The wide side's color and the deep side's (translucent, as XChart draws data lines, which Svg tells apart). */
    private static final Color[] SIDE_COLORS = {color(31, 119, 180), color(255, 127, 14)};
    /** One color per pair; its deep side is drawn darker and dashed. */
    private static final Color[] PAIR_COLORS = {color(31, 119, 180), color(255, 127, 14), color(44, 160, 44),
        color(214, 39, 40), color(148, 103, 189), color(140, 86, 75)};

    /** The sweep's grid; the quick one (for tests) has fewer sizes, one seed and fewer epochs. */
    record Plan(List<Integer> narrowWidths, List<Double> learningRates, int seeds, int epochs) {
        static Plan of(boolean quick) {
            return quick ? new Plan(List.of(8, 16), List.of(0.01), 1, 100)
                    : new Plan(List.of(4, 8, 16, 32), List.of(0.001, 0.003, 0.01), 3, 1000);
        }

        int trials() {
            return TARGETS.size() * narrowWidths.size() * Shape.values().length * learningRates.size() * seeds;
        }
    }

    /** The two sides of a pair. */
    enum Shape {
        WIDE("one wide layer"), DEEP(DEPTH + " narrow layers");

        final String label;

        Shape(String label) {
            this.label = label;
        }

        /** The hidden widths of this side of the pair whose deep side has layers {@code narrowWidth} wide. */
        List<Integer> hidden(int narrowWidth) {
            return this == DEEP ? Collections.nCopies(DEPTH, narrowWidth) : List.of(wideUnits(narrowWidth));
        }
    }

    /**
     * The width of one hidden layer with as many parameters as DEPTH layers of {@code w}: 3n + 1 = 3w + 1 +
     * (DEPTH - 1)(w^2 + w), which has a whole solution for every w when DEPTH - 1 is a multiple of 3.
     */
    static int wideUnits(int w) {
        long extra = (long) (DEPTH - 1) * w * (w + 1);
        if (extra % 3 != 0) {
            throw new IllegalArgumentException("no single layer has exactly as many parameters as " + DEPTH
                    + " layers of " + w);
        }
        return Math.toIntExact(w + extra / 3);
    }

    /** The runs, one per seed, of one side of one pair on one target at its best learning rate. */
    record Entry(Target target, Shape shape, int narrowWidth, double learningRate, List<FitResult> runs) {
        /** The run whose final error is the median one (the lower of the middle two for an even count). */
        FitResult medianRun() {
            List<FitResult> sorted = runs.stream().sorted(Comparator.comparingDouble(FitResult::relativeError))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        double median() {
            return medianRun().relativeError();
        }

        double min() {
            return runs.stream().mapToDouble(FitResult::relativeError).min().orElseThrow();
        }

        double max() {
            return runs.stream().mapToDouble(FitResult::relativeError).max().orElseThrow();
        }

        long parameters() {
            return runs.get(0).parameters();
        }

        String layers() {
            return runs.get(0).trial().shape();
        }
    }

    /** What the sweep found: every result in the trials' order, and the table's entries. */
    record Outcome(Plan plan, List<FitResult> results, List<Entry> entries) {
        Entry entry(Target target, int narrowWidth, Shape shape) {
            return entries.stream().filter(e -> e.target().equals(target) && e.narrowWidth() == narrowWidth
                    && e.shape() == shape).findFirst().orElseThrow();
        }
    }

    @Override
    public String name() {
        return "challenge";
    }

    @Override
    public String title() {
        return "depth against width at equal parameter counts, on sin(10x) and on a sawtooth of composed tent maps";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        Plan plan = Plan.of(run.quick());
        PrintStream out = run.out();
        out.printf(Locale.ROOT, "Pairs of ReLU networks with equal parameter counts, one wide hidden layer against %d "
                + "narrow ones, learn two targets on [0, 1] from %d evenly spaced points; the error is the mean squared"
                + " error on the %d points midway between them, relative to the best constant predictor's (1 - R^2)."
                + "%n%n", DEPTH, POINTS, POINTS - 1);
        out.printf(Locale.ROOT, "%-16s %-20s %11s%n", "one wide layer", DEPTH + " narrow layers", "parameters");
        for (int w : plan.narrowWidths()) {
            out.printf(Locale.ROOT, "%-16s %-20s %11d%n", FitTrial.shape(Shape.WIDE.hidden(w)),
                    FitTrial.shape(Shape.DEEP.hidden(w)), parameters(w));
        }
        out.println();
        out.println("The targets:");
        out.printf(Locale.ROOT, "  %s: the lesson's; smooth, 1.6 periods, no structure a composition would exploit.%n",
                SINE.name());
        out.printf(Locale.ROOT, "  %s: the tent map t(x) = 1 - |2x - 1| composed %d times, %d teeth. A function built"
                + " by composition: a network of %d ReLU layers of 2 units computes it exactly (each layer one tent, "
                + "t(y) = 2 relu(y) - 4 relu(y - 1/2)), while one hidden layer of n ReLU units draws at most n + 1 "
                + "linear pieces and so needs %d units for its %d pieces (Telgarsky 2016). sin(10 sin(3x)) is also a"
                + " composition, but of smooth functions that a wide layer approximates well; the tent maps' "
                + "exponential count of pieces is what depth alone buys.%n", SAWTOOTH.name(),
                SAWTOOTH.compositions(), SAWTOOTH.pieces() / 2, SAWTOOTH.compositions(), SAWTOOTH.pieces() - 1,
                SAWTOOTH.pieces());
        double exact = exactSawtoothMse(SAWTOOTH);
        out.printf(Locale.ROOT, "%nThat construction, weights set by hand, run on the compiled step: 1-%s-1, %d "
                + "parameters, mean squared error %s on the midpoints (the constant predictor's: %.4f). For t^k "
                + "in general: %s.%n%n", String.join("-", Collections.nCopies(SAWTOOTH.compositions(), "2")),
                6 * SAWTOOTH.compositions() + 1, mse(exact), FitTrial.constantMse(SAWTOOTH.midpoints(POINTS)),
                compositionCosts());

        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "Training: Adam, learning rates %s with cosine annealing to 0, %d epochs of batches of "
                + "%d, seeds 1 to %d; every configuration is a FitTrial, %d of them, run on %d worker threads, each "
                + "training its own Model on the compiled step. Training time is the training thread's CPU time "
                + "(compiling the step included, measuring the error after each epoch not): on a shared machine, the "
                + "time on the clock would count the neighbours too. Two short trials first warm the JIT up. Results "
                + "as they finish:%n", plan.learningRates(), plan.epochs(), BATCH, plan.seeds(), plan.trials(),
                threads);
        Outcome outcome = sweep(plan, threads, out);
        out.println();
        printTable(outcome, out);
        CsvTable trials = trialsTable(outcome);
        CsvTable table = summaryTable(outcome);
        Files.createDirectories(run.folder());
        trials.write(run.folder().resolve("trials.csv"));
        table.write(run.folder().resolve("table.csv"));
        out.println("wrote " + run.folder().resolve("trials.csv") + " (every trial) and table.csv (the table)");
        out.println();
        answer(outcome, exact, out);
        out.println();
        for (Target t : TARGETS) {
            String stem = t instanceof Target.Sine ? "sine" : "sawtooth";
            run.figure(stem + "-error-vs-parameters", errorAgainstParameters(outcome, t));
            run.figure(stem + "-error-vs-time", errorAgainstTime(outcome, t));
        }
    }

    static long parameters(int narrowWidth) {
        return 3L * wideUnits(narrowWidth) + 1;
    }

    static FitTrial trial(Target target, Shape shape, int narrowWidth, double learningRate, long seed, Plan plan) {
        return new FitTrial(target, shape.hidden(narrowWidth), ACTIVATION, seed, plan.epochs(), BATCH, learningRate,
                POINTS);
    }

    /** Every configuration of the plan: targets, pairs, sides, learning rates, seeds. */
    static List<FitTrial> trials(Plan plan) {
        List<FitTrial> trials = new ArrayList<>();
        for (Target t : TARGETS) {
            for (int w : plan.narrowWidths()) {
                for (Shape s : Shape.values()) {
                    for (double lr : plan.learningRates()) {
                        for (long seed = 1; seed <= plan.seeds(); seed++) {
                            trials.add(trial(t, s, w, lr, seed, plan));
                        }
                    }
                }
            }
        }
        return trials;
    }

    /** Runs the plan's trials on {@code threads} workers, printing each result as it finishes. */
    static Outcome sweep(Plan plan, int threads, PrintStream out) {
        List<FitTrial> trials = trials(plan);
        try {
            List<FitTrial> warmUp = List.of(
                    new FitTrial(SINE, Shape.DEEP.hidden(4), ACTIVATION, 0, 20, BATCH, 0.01, POINTS),
                    new FitTrial(SINE, Shape.WIDE.hidden(4), ACTIVATION, 0, 20, BATCH, 0.01, POINTS));
            LocalSweep.run(warmUp, FitTrial::run, threads, r -> { });
            int[] done = {0};
            List<FitResult> results = LocalSweep.run(trials, FitTrial::run, threads, r -> out.printf(Locale.ROOT,
                    "[%3d/%d] %-16s %-19s %5d params  lr %-5s seed %d: relative error %.2e, %.1f s%n", ++done[0],
                    trials.size(), r.trial().target().name(), r.trial().shape(), r.parameters(),
                    r.trial().learningRate(), r.trial().seed(), r.relativeError(), r.seconds()));
            return new Outcome(plan, results, entries(plan, results));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        }
    }

    /** For each target, pair and side, the learning rate whose median error over the seeds is lowest. */
    static List<Entry> entries(Plan plan, List<FitResult> results) {
        Map<String, List<FitResult>> byConfiguration = new LinkedHashMap<>();
        for (FitResult r : results) {
            FitTrial t = r.trial();
            byConfiguration.computeIfAbsent(t.target().name() + " " + t.shape() + " " + t.learningRate(),
                    k -> new ArrayList<>()).add(r);
        }
        List<Entry> entries = new ArrayList<>();
        for (Target t : TARGETS) {
            for (int w : plan.narrowWidths()) {
                for (Shape s : Shape.values()) {
                    Entry best = null;
                    for (double lr : plan.learningRates()) {
                        List<FitResult> runs = byConfiguration.get(t.name() + " " + FitTrial.shape(s.hidden(w))
                                + " " + lr);
                        Entry e = new Entry(t, s, w, lr, runs);
                        if (best == null || e.median() < best.median()) {
                            best = e;
                        }
                    }
                    entries.add(best);
                }
            }
        }
        return entries;
    }

    private static void printTable(Outcome o, PrintStream out) {
        out.printf(Locale.ROOT, "Final relative errors at each side's best learning rate: the median over %d seed%s "
                + "[lowest, highest]; time is the median run's training time (CPU seconds).%n",
                o.plan().seeds(), o.plan().seeds() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "%-16s %6s  %-9s %6s %-30s  %-16s %6s %-30s  %s%n", "target", "params", "wide",
                "lr", " error [lowest, highest]   time", "deep", "lr", " error [lowest, highest]   time",
                "verdict");
        for (Target t : TARGETS) {
            for (int w : o.plan().narrowWidths()) {
                Entry wide = o.entry(t, w, Shape.WIDE);
                Entry deep = o.entry(t, w, Shape.DEEP);
                out.printf(Locale.ROOT, "%-16s %6d  %-9s %6s %s  %-16s %6s %s  %s%n", t.name(), wide.parameters(),
                        wide.layers(), wide.learningRate(), cell(wide), deep.layers(), deep.learningRate(),
                        cell(deep), new Comparison(wide, deep).text());
            }
        }
        out.println();
    }

    private static String cell(Entry e) {
        return String.format(Locale.ROOT, "%.1e [%.1e, %.1e] %5.1fs", e.median(), e.min(), e.max(),
                e.medianRun().seconds());
    }

    /** How the two sides of a pair compare on one target. */
    enum Verdict {
        DEEP, WIDE, TOO_CLOSE, NEITHER_LEARNS
    }

    /**
     * One pair on one target. A side wins when its median error is below the other side's lowest, over the seeds;
     * when both medians are above half the constant predictor's error, neither side learned the target; otherwise the
     * pair is too close to call with these seeds.
     */
    record Comparison(Entry wide, Entry deep) {
        static final double LEARNED = 0.5;

        Verdict verdict() {
            if (wide.median() > LEARNED && deep.median() > LEARNED) {
                return Verdict.NEITHER_LEARNS;
            }
            if (deep.median() < wide.min()) {
                return Verdict.DEEP;
            }
            return wide.median() < deep.min() ? Verdict.WIDE : Verdict.TOO_CLOSE;
        }

        /** The larger median error over the smaller. */
        double factor() {
            return Math.max(wide.median(), deep.median()) / Math.min(wide.median(), deep.median());
        }

        /** How much lower the winner's median error is, and whether every seed of it beats every seed of the other. */
        String margin() {
            Entry winner = verdict() == Verdict.DEEP ? deep : wide;
            Entry loser = winner == deep ? wide : deep;
            return String.format(Locale.ROOT, "%.1fx lower%s", factor(), winner.max() < loser.min() ? ", every seed"
                    : "");
        }

        String text() {
            return switch (verdict()) {
                case DEEP -> "deep, " + margin();
                case WIDE -> "wide, " + margin();
                case TOO_CLOSE -> String.format(Locale.ROOT, "too close (%.1fx)", factor());
                case NEITHER_LEARNS -> "neither learns it";
            };
        }
    }

    private static CsvTable trialsTable(Outcome o) {
        CsvTable table = new CsvTable("target", "layers", "hidden_layers", "parameters", "learning_rate", "seed",
                "epochs", "mse", "constant_mse", "relative_error", "training_seconds");
        for (FitResult r : o.results()) {
            FitTrial t = r.trial();
            table.add(t.target().name(), t.shape(), t.hidden().size(), r.parameters(), t.learningRate(), t.seed(),
                    t.epochs(), r.mse(), r.constantMse(), r.relativeError(), r.seconds());
        }
        return table;
    }

    private static CsvTable summaryTable(Outcome o) {
        CsvTable table = new CsvTable("target", "parameters", "side", "layers", "best_learning_rate", "seeds",
                "median_relative_error", "lowest_relative_error", "highest_relative_error", "median_seconds");
        for (Entry e : o.entries()) {
            table.add(e.target().name(), e.parameters(), e.shape() == Shape.WIDE ? "wide" : "deep", e.layers(),
                    e.learningRate(), e.runs().size(), e.median(), e.min(), e.max(), e.medianRun().seconds());
        }
        return table;
    }

    /** The challenge's questions, answered from the table. */
    private static void answer(Outcome o, double exact, PrintStream out) {
        out.println("The challenge's questions, answered from these numbers:");
        int sizes = o.plan().narrowWidths().size();
        Map<Target, Call> calls = new LinkedHashMap<>();
        for (Target t : TARGETS) {
            Map<Verdict, List<String>> by = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                by.put(v, new ArrayList<>());
            }
            for (int w : o.plan().narrowWidths()) {
                Comparison c = new Comparison(o.entry(t, w, Shape.WIDE), o.entry(t, w, Shape.DEEP));
                boolean won = c.verdict() == Verdict.DEEP || c.verdict() == Verdict.WIDE;
                by.get(c.verdict()).add(c.wide().parameters() + (won ? ": " + c.margin() : ""));
            }
            int deep = by.get(Verdict.DEEP).size();
            int wide = by.get(Verdict.WIDE).size();
            Call call = new Call(deep, wide);
            calls.put(t, call);
            List<String> parts = new ArrayList<>();
            parts.add(String.format(Locale.ROOT, "%d narrow layers win at %d of %d sizes%s", DEPTH, deep, sizes,
                    listed(by.get(Verdict.DEEP))));
            parts.add(String.format(Locale.ROOT, "one wide layer at %d%s", wide, listed(by.get(Verdict.WIDE))));
            if (!by.get(Verdict.TOO_CLOSE).isEmpty()) {
                parts.add("too close to call at " + by.get(Verdict.TOO_CLOSE).size() + " (parameters "
                        + String.join(", ", by.get(Verdict.TOO_CLOSE)) + ")");
            }
            if (!by.get(Verdict.NEITHER_LEARNS).isEmpty()) {
                parts.add("neither learns it at " + by.get(Verdict.NEITHER_LEARNS).size() + " (parameters "
                        + String.join(", ", by.get(Verdict.NEITHER_LEARNS)) + "; both medians above "
                        + Comparison.LEARNED + " of the constant predictor's error after " + o.plan().epochs()
                        + " epochs)");
            }
            double best = o.entries().stream().filter(e -> e.target().equals(t)).mapToDouble(Entry::median).min()
                    .orElseThrow();
            out.printf(Locale.ROOT, "- Depth or width at equal parameters, on %s? %s. %s. The lowest median error is "
                    + "%.1e of the constant predictor's.%n", t.name(), capitalized(call.text()),
                    String.join("; ", parts), best);
        }
        boolean decisive = calls.values().stream().allMatch(c -> c.winner() != null);
        boolean differs = calls.values().stream().map(Call::winner).distinct().count() > 1;
        out.printf(Locale.ROOT, "- Does it depend on the target? %s: %s.%n", !decisive ? "Not clearly"
                : differs ? "Yes" : "Not in which side wins", calls.entrySet().stream()
                .map(e -> e.getValue().text() + " on " + e.getKey().name()).collect(Collectors.joining(", ")));
        FitResult bestTrained = o.results().stream().filter(r -> r.trial().target().equals(SAWTOOTH))
                .min(Comparator.comparingDouble(FitResult::mse)).orElseThrow();
        boolean found = bestTrained.mse() <= Math.max(100 * exact, 1e-10);
        out.printf(Locale.ROOT, "- A hierarchical target: %s is a composition, and the hand-set %d-parameter deep "
                + "network computes it with mean squared error %s. The best trained network, %s with %d parameters, "
                + "reached %.1e (relative error %.1e): %s%n", SAWTOOTH.name(), 6 * SAWTOOTH.compositions() + 1,
                mse(exact), bestTrained.trial().shape(), bestTrained.parameters(), bestTrained.mse(),
                bestTrained.relativeError(), found ? "training found an error as small as the construction's."
                        : "training from a random start found an approximation, not the composition. That depth "
                        + "can represent the sawtooth with far fewer parameters does not make gradient descent find "
                        + "that representation.");
        if (o.plan().seeds() > 1) {
            out.printf(Locale.ROOT, "- Reliability: the highest error over the seeds is %.1fx the lowest for the deep"
                    + " networks and %.1fx for the wide ones (medians over the pairs and targets).%n",
                    medianSpread(o, Shape.DEEP), medianSpread(o, Shape.WIDE));
        }
        double deepSeconds = o.entries().stream().filter(e -> e.shape() == Shape.DEEP)
                .mapToDouble(e -> e.medianRun().seconds()).sum();
        double wideSeconds = o.entries().stream().filter(e -> e.shape() == Shape.WIDE)
                .mapToDouble(e -> e.medianRun().seconds()).sum();
        out.printf(Locale.ROOT, "- Against training time: the median deep runs took %.1f CPU seconds in all, the "
                + "wide ones %.1f, for the same epochs and parameter counts (a deep step runs %d matrix products each "
                + "way, a wide one 2); the error-against-time figures show how low each side gets how soon.%n",
                deepSeconds, wideSeconds, DEPTH + 1);
    }

    /** Which side wins at more sizes of one target, counting only the sizes a side won. */
    record Call(int deepWins, int wideWins) {
        /** depth, width, or null for a draw. */
        String winner() {
            return deepWins > wideWins ? "depth" : wideWins > deepWins ? "width" : null;
        }

        String text() {
            return (winner() == null ? "neither clearly" : winner()) + String.format(Locale.ROOT,
                    " (decided sizes: %d to %d)", Math.max(deepWins, wideWins), Math.min(deepWins, wideWins));
        }
    }

    private static String listed(List<String> sizes) {
        return sizes.isEmpty() ? "" : " (parameters " + String.join("; ", sizes) + ")";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String mse(double value) {
        return value == 0 ? "0 (exactly, in float32)" : String.format(Locale.ROOT, "%.1e", value);
    }

    /** Over the table's entries of one side, the median (lower middle) of highest / lowest error over the seeds. */
    private static double medianSpread(Outcome o, Shape side) {
        double[] spread = o.entries().stream().filter(e -> e.shape() == side).mapToDouble(e -> e.max() / e.min())
                .sorted().toArray();
        return spread[(spread.length - 1) / 2];
    }

    private static XYChart errorAgainstParameters(Outcome o, Target t) {
        XYChart chart = Figures.lines(t.name() + ": final error against parameters (median of seeds, best lr)",
                "parameters", "error relative to the constant predictor");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setMarkerSize(6);
        List<Entry> entries = o.entries().stream().filter(e -> e.target().equals(t)).toList();
        for (Shape s : Shape.values()) {
            List<Entry> side = entries.stream().filter(e -> e.shape() == s).toList();
            XYSeries line = Figures.line(chart, s.label, side.stream().mapToDouble(Entry::parameters).toArray(),
                    side.stream().mapToDouble(Entry::median).toArray());
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(SIDE_COLORS[s.ordinal()]);
            line.setMarkerColor(SIDE_COLORS[s.ordinal()]);
        }
        for (Shape s : Shape.values()) {
            List<FitResult> seeds = entries.stream().filter(e -> e.shape() == s).flatMap(e -> e.runs().stream())
                    .toList();
            XYSeries points = chart.addSeries(s.label + ", each seed",
                    seeds.stream().mapToDouble(FitResult::parameters).toArray(),
                    seeds.stream().mapToDouble(FitResult::relativeError).toArray());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.DIAMOND);
            points.setMarkerColor(SIDE_COLORS[s.ordinal()]);
        }
        double[] parameters = entries.stream().mapToDouble(Entry::parameters).toArray();
        double[] errors = entries.stream().flatMap(e -> e.runs().stream()).mapToDouble(FitResult::relativeError)
                .toArray();
        chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(decades(parameters) >= 1);
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(decades(errors) >= 1);
        return chart;
    }

    private static Color color(int r, int g, int b) {
        return new Color(r, g, b, 220);
    }

    /** How many powers of ten the values span: a log axis labels only the powers when it spans one or more. */
    private static double decades(double[] values) {
        double min = Arrays.stream(values).min().orElse(1);
        double max = Arrays.stream(values).max().orElse(1);
        return Math.log10(max / min);
    }

    private static XYChart errorAgainstTime(Outcome o, Target t) {
        XYChart chart = Figures.lines(t.name() + ": error during training (median seed, best lr)",
                "training time (CPU seconds)", "error relative to the constant predictor");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Integer> widths = o.plan().narrowWidths();
        for (int i = 0; i < widths.size(); i++) {
            Color color = PAIR_COLORS[i % PAIR_COLORS.length];
            for (Shape s : Shape.values()) {
                Entry e = o.entry(t, widths.get(i), s);
                FitResult r = e.medianRun();
                double[] relative = Arrays.stream(r.epochMse()).map(m -> m / r.constantMse()).toArray();
                XYSeries line = Figures.line(chart, e.layers() + " (" + e.parameters() + ")", r.epochSeconds(),
                        relative);
                line.setLineColor(s == Shape.WIDE ? color : color.darker());
                if (s == Shape.DEEP) {
                    line.setLineStyle(SeriesLines.DASH_DASH);
                }
            }
        }
        return chart;
    }

    /**
     * The held-out error of the deep ReLU network that computes {@code t} exactly: layer i holds relu(y) and
     * relu(y - 1/2) of the previous tent's output y, and the next layer's weights (2, -4) make the next tent.
     */
    static double exactSawtoothMse(Target.Sawtooth t) {
        int k = t.compositions();
        try (Model model = Model.builder(FitTrial.mlp(Collections.nCopies(k, 2), Activation.RELU)).name("tents")
                .input(1).task(Task.REGRESSION).build()) {
            Map<String, Tensor> p = model.parameters();
            p.get("fc1.weight").copyFrom(Tensor.of(new float[] {1, 1}, 2, 1));
            for (int i = 1; i <= k; i++) {
                if (i > 1) {
                    p.get("fc" + i + ".weight").copyFrom(Tensor.of(new float[] {2, -4, 2, -4}, 2, 2));
                }
                p.get("fc" + i + ".bias").copyFrom(Tensor.of(new float[] {0, -0.5f}, 2));
            }
            p.get("out.weight").copyFrom(Tensor.of(new float[] {2, -4}, 1, 2));
            p.get("out.bias").copyFrom(Tensor.of(new float[] {0}, 1));
            return ((RegressionMetrics) model.evaluate(t.midpoints(POINTS))).mse();
        }
    }

    /** Parameters for t^k: k layers of 2 units (6k + 1), against one layer of 2^k - 1 units (3(2^k - 1) + 1). */
    private static String compositionCosts() {
        return List.of(4, 6, 8, 10).stream().map(k -> String.format(Locale.ROOT, "k = %d, %d parameters deep "
                + "against at least %,d in one layer", k, 6 * k + 1, 3 * ((1 << k) - 1) + 1))
                .collect(Collectors.joining("; "));
    }
}
