package io.chainrule.runtime.model;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.NonFiniteCheck;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Model#fit}: the training graph compiled once and bound to the model's tensors and two batch tensors that
 * the data loader refills in place, then epochs of steps, validation, listeners and early stopping.
 */
record FitRun(Model model, Dataset train, Dataset validation, FitOptions options, List<TrainingListener> listeners) {

    History run() {
        model.checkData(train, "fit");
        if (validation != null) {
            model.checkData(validation, "validate");
            if (validation.size() == 0) {
                throw new IllegalArgumentException("the validation set has no examples: nothing to validate on (pass"
                        + " null to train without validation)");
            }
        }
        if (validation == null && options.patience() > 0) {
            throw new IllegalArgumentException("early stopping (patience " + options.patience() + ") needs a "
                    + "validation set");
        }
        DataLoader loader = DataLoader.shuffled(train, options.batchSize(), DataLoader.LastBatch.DROP, options.seed());
        if (loader.batches() == 0) {
            throw new IllegalArgumentException("the training set has " + train.size() + " examples, fewer than one "
                    + "batch of " + options.batchSize() + ": nothing to train on");
        }
        if (model.standardized() && !model.standardizationFitted()) {
            model.fitStandardization(train);
        }
        Optimizer optimizer = model.optimizerFor(options);
        LearningRateSchedule schedule = options.schedule();
        boolean scheduled = Model.scheduled(schedule);
        Graph step = model.trainingGraph(options.batchSize(), optimizer, scheduled);
        Map<String, Tensor> state = optimizerState(step, optimizer);
        Map<String, Tensor> feeds = new HashMap<>(model.parametersForUpdate());
        feeds.putAll(state);
        Tensor x = loader.newFeatures(0);
        Tensor y = loader.newTargets(0);
        feeds.put(Architecture.X, x);
        feeds.put(Architecture.Y, y);
        Tensor lr = null;
        if (scheduled) {
            lr = Tensor.zeros(step.find(TrainingGraph.LEARNING_RATE).orElseThrow().type());
            feeds.put(TrainingGraph.LEARNING_RATE, lr);
        }
        TrainingRecord before = model.trainingRecord();
        long steps = before.steps();
        int firstEpoch = before.epochs() + 1;
        int lastEpoch = before.epochs() + options.epochs();
        EarlyStopping stopping = new EarlyStopping(options.patience());
        Map<String, Tensor> best = null;
        History history = new History();
        Metrics lastValidation = null;
        try (BoundStep training = model.backend().prepare(step).bind(feeds)) {
            for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
                long start = System.nanoTime();
                double lossSum = 0;
                double rate = optimizer.lr();
                for (int b = 0; b < loader.batches(); b++) {
                    loader.fill(epoch, b, x, y);
                    if (lr != null) {
                        rate = schedule.rate(optimizer.lr(), epoch - 1, steps);
                        lr.setDouble(0, rate);
                    }
                    Map<String, Tensor> snapshot = options.checkFinite() ? copy(feeds) : null;
                    training.run();
                    steps++;
                    double loss = training.output(Architecture.LOSS).getDouble(0);
                    if (!Double.isFinite(loss)) {
                        throw nonFinite(step, loss, epoch, b, snapshot);
                    }
                    if (snapshot != null) {
                        checkUpdates(step, epoch, b, snapshot, feeds);
                    }
                    lossSum += loss;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    BatchProgress progress = new BatchProgress(epoch, lastEpoch, b + 1, loader.batches(),
                            lossSum / (b + 1), rate, (b + 1) * (double) options.batchSize() / seconds);
                    listeners.forEach(l -> l.batchEnded(progress));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Metrics v = validation == null ? null : model.evaluateUnlocked(validation);
                lastValidation = v;
                EpochRecord record = new EpochRecord(epoch, lossSum / loader.batches(), v, rate, seconds,
                        loader.batches() * (double) options.batchSize() / seconds);
                history.add(record);
                model.trained(optimizer, before.after(optimizer, schedule, epoch, steps, options, train, record));
                listeners.forEach(l -> l.epochEnded(record));
                if (v != null && options.patience() > 0) {
                    if (stopping.improved(epoch, v.loss())) {
                        best = copy(model.parametersForUpdate());
                    } else if (stopping.shouldStop()) {
                        history.stoppedEarly("early stopping: no better validation loss for " + options.patience()
                                + " epochs; keeping epoch " + stopping.bestEpoch());
                        break;
                    }
                }
            }
        }
        if (best != null && stopping.bestEpoch() != history.last().epoch()) {
            best.forEach((name, t) -> model.parametersForUpdate().get(name).copyFrom(t));
            lastValidation = history.epochs().get(stopping.bestEpoch() - firstEpoch).validation();
        }
        model.trained(optimizer, model.trainingRecord().withValidation(lastValidation));
        model.optimizerStateForUpdate().clear();
        model.optimizerStateForUpdate().putAll(state);
        listeners.forEach(l -> l.fitEnded(history));
        return history;
    }

    /**
     * The optimizer's state: the model's own when it last trained with this very optimizer (a resumed run goes on
     * with its moments and step count), else fresh (zeros), as a new torch.optim optimizer starts.
     */
    private Map<String, Tensor> optimizerState(Graph step, Optimizer optimizer) {
        Map<String, Tensor> fresh = Parameters.initialize(step, 0);
        Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Tensor> kept = model.optimizerStateForUpdate();
        boolean resume = model.optimizer() != null && model.optimizer().describe().equals(optimizer.describe());
        for (Node s : step.states()) {
            if (model.parametersForUpdate().containsKey(s.name())) {
                continue;
            }
            Tensor old = kept.get(s.name());
            state.put(s.name(), resume && old != null && old.type().equals(s.type()) ? old.copy()
                    : fresh.get(s.name()));
        }
        return state;
    }

    private RuntimeException nonFinite(Graph step, double loss, int epoch, int batch, Map<String, Tensor> before) {
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
    private static void checkUpdates(Graph step, int epoch, int batch, Map<String, Tensor> before,
            Map<String, Tensor> after) {
        NonFiniteCheck.nonFiniteUpdate(step, before, after).ifPresent(found -> {
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
