package io.chainrule.runtime.train;

import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.NonFiniteCheck;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.TargetKind;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The training loop: one training graph (forward, backward and update) run per mini-batch on a backend, per epoch the
 * mean training loss, the validation loss and accuracy (forward graph alone), time and throughput; early stopping
 * that keeps the best parameters. The model is a function from a batch size to its forward graph, which has the
 * outputs {@code loss} and {@code output} (scores whose argmax is the prediction) and the inputs {@code x} and
 * {@code y}. The steps are bound once to tensors the trainer owns and the data loader refills; {@link #close()}
 * releases them.
 */
public final class Trainer implements AutoCloseable {
    private final IntFunction<Graph> model;
    private final Backend backend;
    private final TrainingConfig config;
    private final Graph step;
    private final Map<String, Tensor> state;
    /** The training step's feeds: the state, and the batch tensors {@code x} and {@code y} that each batch refills. */
    private final Map<String, Tensor> feeds;
    private final BoundStep training;
    /** Forward graphs bound for evaluation, by batch rows (a last smaller batch has its own). */
    private final Map<Integer, Evaluator> evaluators = new HashMap<>();
    private final PrintStream out;
    private final boolean terminal;

    public Trainer(IntFunction<Graph> model, Optimizer optimizer, Backend backend, TrainingConfig config,
                   PrintStream out, boolean terminal) {
        this.model = model;
        this.backend = backend;
        this.config = config;
        this.out = out;
        this.terminal = terminal;
        this.step = TrainingGraph.build(model.apply(config.batchSize()), "loss", optimizer);
        this.state = Parameters.initialize(step, config.seed());
        this.feeds = new HashMap<>(state);
        for (String input : new String[] {"x", "y"}) {
            feeds.put(input, Tensor.zeros(step.find(input).orElseThrow(() -> new IllegalArgumentException(
                    "the model's graph has no input '" + input + "'")).type()));
        }
        this.training = backend.prepare(step).bind(feeds);
    }

    /** A forward graph bound to the parameters and to batch tensors of its own. */
    private record Evaluator(BoundStep step, Tensor x, Tensor y) {
    }

    /**
     * Parameters and optimizer state by name: what a checkpoint holds. The steps are bound to these tensors, so they
     * change in place (training updates them, a checkpoint loads into them) and the map itself cannot.
     */
    public Map<String, Tensor> state() {
        return java.util.Collections.unmodifiableMap(state);
    }

    /**
     * Trains for the configured epochs (or until early stopping) and returns the history of the epochs.
     * {@code validation} may be null (no validation figures, and then no early stopping), but not empty.
     */
    public History fit(Dataset train, Dataset validation) {
        DataLoader loader = DataLoader.shuffled(train, config.batchSize(), DataLoader.LastBatch.DROP, config.seed());
        if (loader.batches() == 0) {
            throw new IllegalArgumentException("the training set has " + train.size() + " examples, fewer than one "
                    + "batch of " + config.batchSize() + ": nothing to train on");
        }
        if (validation == null && config.patience() > 0) {
            throw new IllegalArgumentException("early stopping (patience " + config.patience() + ") needs a "
                    + "validation set");
        }
        if (validation != null && validation.size() == 0) {
            throw new IllegalArgumentException("the validation set has no examples: nothing to validate on (pass null"
                    + " to train without validation)");
        }
        Tensor x = feeds.get("x");
        Tensor y = feeds.get("y");
        ProgressLine progress = new ProgressLine(out, terminal);
        EarlyStopping stopping = new EarlyStopping(config.patience());
        Map<String, Tensor> best = null;
        History history = new History();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            for (int b = 0; b < loader.batches(); b++) {
                loader.fill(epoch, b, x, y);
                Map<String, Tensor> before = config.checkFinite() ? copy(feeds) : null;
                training.run();
                double loss = training.output("loss").getDouble(0);
                if (!Double.isFinite(loss)) {
                    throw nonFinite(loss, epoch, b, before);
                }
                if (before != null) {
                    checkUpdates(epoch, b, before);
                }
                lossSum += loss;
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.batch(epoch, config.epochs(), b + 1, loader.batches(), lossSum / (b + 1),
                        (b + 1) * (double) config.batchSize() / seconds);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation v = validation == null ? null : evaluate(validation);
            EpochRecord record = new EpochRecord(epoch, lossSum / loader.batches(), v, seconds,
                    loader.batches() * (double) config.batchSize() / seconds);
            history.add(record);
            progress.epoch(record, config.epochs());
            if (v != null && config.patience() > 0) {
                if (stopping.improved(epoch, v.loss())) {
                    best = copy(state);
                } else if (stopping.shouldStop()) {
                    out.printf("early stopping: no better validation loss for %d epochs; keeping epoch %d%n",
                            config.patience(), stopping.bestEpoch());
                    break;
                }
            }
        }
        if (best != null) {
            best.forEach((name, t) -> state.get(name).copyFrom(t));
        }
        return history;
    }

    /**
     * Mean loss and accuracy over every example, with the current parameters, on the forward graph alone; an empty
     * dataset is an error rather than a NaN.
     */
    public Evaluation evaluate(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("nothing to evaluate: the dataset has no examples");
        }
        DataLoader loader = DataLoader.inOrder(data, config.evalBatchSize(), DataLoader.LastBatch.SMALLER);
        boolean classification = data.targetKind() == TargetKind.LABELS;
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < loader.batches(); b++) {
            int rows = loader.rows(b);
            int batch = b;
            Evaluator e = evaluators.computeIfAbsent(rows, r -> evaluator(r, loader.newFeatures(batch),
                    loader.newTargets(batch)));
            loader.fill(0, b, e.x(), e.y());
            e.step().run();
            lossSum += e.step().output("loss").getDouble(0) * rows;
            correct += classification ? correct(e.step().output("output"), e.y()) : 0;
        }
        return new Evaluation(lossSum / data.size(), classification ? correct / (double) data.size() : Double.NaN);
    }

    private Evaluator evaluator(int rows, Tensor x, Tensor y) {
        Graph forward = model.apply(rows);
        Map<String, Tensor> bound = new HashMap<>();
        for (Node p : forward.parameters()) {
            bound.put(p.name(), state.get(p.name()));
        }
        bound.put("x", x);
        bound.put("y", y);
        return new Evaluator(backend.prepare(forward).bind(bound), x, y);
    }

    /** Releases the bound steps (the compiled backend's helper threads). */
    @Override
    public void close() {
        training.close();
        evaluators.values().forEach(e -> e.step().close());
    }

    /** Rows whose largest score (the first, on ties) is at the label. */
    private static long correct(Tensor scores, Tensor labels) {
        int rows = scores.shape().dim(0);
        int classes = scores.shape().dim(1);
        float[] s = scores.floats();
        long correct = 0;
        for (int i = 0; i < rows; i++) {
            int arg = 0;
            for (int c = 1; c < classes; c++) {
                if (s[i * classes + c] > s[i * classes + arg]) {
                    arg = c;
                }
            }
            correct += arg == labels.ints()[i] ? 1 : 0;
        }
        return correct;
    }

    private TrainingException nonFinite(double loss, int epoch, int batch, Map<String, Tensor> before) {
        String where = "loss is " + loss + " at epoch " + epoch + ", batch " + (batch + 1);
        if (before == null) {
            return new TrainingException(where + "; train with the non-finite check on to find the node that "
                    + "produced it");
        }
        String culprit = NonFiniteCheck.firstProducer(step, before).orElse("no node of the step (a fed value?)");
        return new TrainingException(where + ": first produced by " + culprit);
    }

    /**
     * With the non-finite check on, a step whose loss was finite may still have made a parameter or optimizer state
     * non-finite: blamed on the next step's loss, that would name the parameter rather than the update that broke it.
     */
    private void checkUpdates(int epoch, int batch, Map<String, Tensor> before) {
        NonFiniteCheck.nonFiniteUpdate(step, before, state).ifPresent(found -> {
            throw new TrainingException("the update at epoch " + epoch + ", batch " + (batch + 1)
                    + " left NaN or infinity in " + found);
        });
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }
}
