package io.chainrule.examples.cli;

import io.chainrule.examples.cluster.ClusterRunner;
import io.chainrule.examples.lessons.SweepFigures;
import io.chainrule.examples.sweep.FitResult;
import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.LocalSweep;
import io.chainrule.examples.sweep.SweepGrid;
import io.chainrule.examples.sweep.SweepTable;
import io.chainrule.examples.sweep.TrialOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule sweep [GRID] [--hidden ...] [--spark MASTER]}: trains every configuration of a grid
 * ({@link SweepGrid}) in parallel, on local threads or as Spark tasks, printing each as it finishes; writes the table
 * (CSV and JSON) and the plots.
 */
@Command(name = "sweep", sortOptions = false, description = "Train every configuration of a grid (a file, and the "
        + "options below, which replace its lines) in parallel, on the local cores or as Spark tasks; print each "
        + "result as it finishes, write the table (results.csv, results.json) and plot it.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<grid>", description = "A grid file: 'key: value, "
            + "value' lines, the keys those of the options below.")
    Path grid;

    @Option(names = "--target", paramLabel = "T,...", description = "sin(10x), sawtooth t^4, ... "
            + "(default: sin(10x)).")
    String target;

    @Option(names = "--hidden", paramLabel = "SHAPE,...", description = "Network shapes, each the hidden widths "
            + "joined by '-': 31,8-8-8-8 (or 8x4).")
    String hidden;

    @Option(names = "--activation", paramLabel = "NAME,...", description = "relu, tanh, sigmoid, silu, gelu, "
            + "gelu_tanh (default: relu).")
    String activation;

    @Option(names = "--optimizer", paramLabel = "NAME,...", description = "sgd, momentum, nesterov, adam, adamw "
            + "(default: adam).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X,...", description = "Learning rates, annealed to 0 by a cosine "
            + "(default: 0.01).")
    String lr;

    @Option(names = "--batch-size", paramLabel = "B,...", description = "Batch sizes (default: 50).")
    String batchSize;

    @Option(names = "--epochs", paramLabel = "N,...", description = "Epochs (default: 100).")
    String epochs;

    @Option(names = "--points", paramLabel = "N,...", description = "Training points on [0, 1] (default: 1000).")
    String points;

    @Option(names = "--seed", paramLabel = "S,...", description = "Seeds, or ranges such as 1..3 (default: 1).")
    String seed;

    @Option(names = "--threads", paramLabel = "N", description = "Local worker threads (default: the cores).")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run each configuration as a task of a Spark "
            + "cluster: local[2], spark://host:7077, ... (needs chainrule-spark.jar).")
    String spark;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the table and plots go (default: sweep-out).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<FitTrial> trials = trials();
        if (threads != null && threads < 1) {
            throw usageError("--threads must be at least 1, got " + threads);
        }
        if (threads != null && spark != null) {
            throw usageError("--threads is for local runs; on Spark, as many trials run at once as the executors "
                    + "have cores");
        }
        ClusterRunner cluster = spark == null ? null : SparkOption.runner();
        Path folder = out != null ? out : Path.of("sweep-out");
        Files.createDirectories(folder);
        PrintStream console = System.out;
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        console.printf(Locale.ROOT, "%d configurations%s, %s%n", trials.size(), grid != null ? " from " + grid : "",
                spark == null ? "on " + workers + " local worker thread" + (workers == 1 ? "" : "s")
                        : "each a task of Spark (" + spark + ")");
        Consumer<TrialOutcome> progress = new Progress(trials.size(), console);
        List<TrialOutcome> outcomes;
        try {
            outcomes = cluster == null ? LocalSweep.run(trials, TrialOutcome::of, workers, progress)
                    : cluster.sweep(spark, trials, progress);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Spark refused the master or could not start in this JVM; a trial's own failure is an outcome
            throw new CommandFailure(e.getMessage());
        }
        long failed = outcomes.stream().filter(o -> o instanceof TrialOutcome.Failed).count();
        console.printf(Locale.ROOT, "%d finished, %d failed%n", outcomes.size() - failed, failed);
        best(outcomes).forEach(console::println);
        for (Path p : SweepTable.write(outcomes, folder)) {
            console.println("wrote " + p);
        }
        for (Path p : SweepFigures.write(outcomes, folder)) {
            console.println("wrote " + p);
        }
        return 0;
    }

    /** The grid file, then each option given, in the grid's key order. */
    private List<FitTrial> trials() throws IOException {
        SweepGrid g;
        try {
            g = grid != null ? SweepGrid.read(grid) : new SweepGrid();
        } catch (NoSuchFileException e) {
            throw usageError("no grid file " + grid);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("target", target);
        options.put("hidden", hidden);
        options.put("activation", activation);
        options.put("optimizer", optimizer);
        options.put("lr", lr);
        options.put("batch-size", batchSize);
        options.put("epochs", epochs);
        options.put("points", points);
        options.put("seed", seed);
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (o.getValue() != null) {
                try {
                    g.with(o.getKey(), o.getValue());
                } catch (IllegalArgumentException e) {
                    throw usageError("--" + e.getMessage());
                }
            }
        }
        try {
            return g.trials();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    /** The best finished run of each target: the lowest relative error. */
    private static List<String> best(List<TrialOutcome> outcomes) {
        Map<String, FitResult> best = new LinkedHashMap<>();
        for (TrialOutcome o : outcomes) {
            if (o instanceof TrialOutcome.Finished f) {
                best.merge(f.trial().target().name(), f.result(), (a, b) -> b.relativeError() < a.relativeError()
                        ? b : a);
            }
        }
        List<String> lines = new ArrayList<>();
        best.forEach((target, r) -> lines.add(String.format(Locale.ROOT, "best on %s: %s, relative error %.3e",
                target, Progress.describe(r.trial()), r.relativeError())));
        return lines;
    }

    /** A line per outcome as it arrives: how many so far, the configuration, and its error or what went wrong. */
    private static final class Progress implements Consumer<TrialOutcome> {
        private final int total;
        private final PrintStream console;
        private int done;

        Progress(int total, PrintStream console) {
            this.total = total;
            this.console = console;
        }

        @Override
        public void accept(TrialOutcome o) {
            done++;
            String what = o instanceof TrialOutcome.Finished f ? String.format(Locale.ROOT,
                    "relative error %.3e, %.1f s", f.result().relativeError(), f.result().seconds())
                    : "failed: " + ((TrialOutcome.Failed) o).error();
            console.printf(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d] %s: %s%n", done, total,
                    describe(o.trial()), what);
        }

        static String describe(FitTrial t) {
            return String.format(Locale.ROOT, "%s %s %s %s lr %s batch %d epochs %d seed %d", t.target().name(),
                    t.shape(), t.activation().text(), t.optimizer(), t.learningRate(), t.batchSize(), t.epochs(),
                    t.seed());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
