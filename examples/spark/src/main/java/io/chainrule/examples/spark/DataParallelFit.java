package io.chainrule.examples.spark;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.ir.DType;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Standardization;
import io.chainrule.runtime.model.BatchProgress;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Metrics;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import io.chainrule.runtime.model.TrainingRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training by model averaging (local SGD: McMahan et al. 2017, Lin et al. 2018): {@code K} replicas,
 * each a Spark task training on its own shard from the same tensors for {@code S} steps, after which the driver
 * averages their parameters and optimizer state element by element (Adam's moments as they are, the step count,
 * equal on every replica, stays) and broadcasts the average for the next round. Spark's own primitives carry it all:
 * the shards travel once as a broadcast, each round's start as a broadcast, and the replicas' tensors come back
 * summed by treeAggregate. A task that Spark runs again starts from the same broadcast and gives the same tensors, and
 * treeAggregate adds each partition once, so a retried replica never counts twice.
 */
final class DataParallelFit {
    /** The standardization's tensors among a model's parameters, as Architecture names them. */
    private static final String MEAN = "input.mean";
    private static final String STD = "input.std";

    private DataParallelFit() {
    }

    /**
     * Trains {@code model} as {@code workers} replicas with {@code options}' epochs, per-replica batch size, optimizer
     * (else the one the model last trained with, else Adam's defaults), schedule and seed, averaging every
     * {@code syncEvery} steps (0: at the end of each epoch; a round never crosses an epoch's end). A model that
     * trained before (a loaded one, say) goes on as {@link Model#fit} does: from its parameters, its optimizer state
     * when the optimizer is the same, its epoch and step counts and its standardization. After every epoch the model
     * holds the averaged parameters and records the epoch ({@link Model#recordEpoch}: the averaged optimizer state,
     * the data described as sharded), so it can be saved and resumed; {@code validation} (may be null) is measured on
     * the driver after every epoch, and the listeners hear every round (as a batch) and every epoch.
     *
     * @throws IllegalArgumentException naming the option that cannot work: early stopping, a dtype other than f32,
     *     shards smaller than a batch
     */
    static List<EpochRecord> run(JavaSparkContext sc, Model model, Dataset train, Dataset validation,
            FitOptions options, int workers, int syncEvery, List<TrainingListener> listeners) {
        check(model, train, options, workers, syncEvery);
        int batch = options.batchSize();
        int steps = Shard.size(train.size(), workers) / batch;
        int perRound = syncEvery == 0 ? steps : syncEvery;
        TrainingRecord before = model.trainingRecord();
        // a model that trained has its standardization from then, which Model.fit keeps too
        if (model.architecture().standardized() && before.steps() == 0) {
            Standardization s = Standardization.fit(train);
            model.parameters().get(MEAN).copyFrom(Tensor.of(s.mean(), model.inputShape().dims()));
            model.parameters().get(STD).copyFrom(Tensor.of(s.std(), model.inputShape().dims()));
        }
        Optimizer optimizer = options.optimizer() != null ? options.optimizer()
                : !before.optimizer().isEmpty() ? Optimizer.parse(before.optimizer()) : Adam.defaults();
        LearningRateSchedule schedule = options.schedule();
        ReplicaPlan p = ReplicaPlan.of(model, options, optimizer, before, steps);
        List<String> names = p.tensors();
        // the optimizer's state where none goes on: zeros, as a new torch.optim optimizer's
        Map<String, Tensor> fresh = Parameters.initialize(p.trainingGraph(), 0);
        List<float[]> tensors = startingTensors(model, p, optimizer, fresh);
        Dataset described = train.describedAs(train.description() + ", data-parallel: " + workers + " workers on "
                + "shards of it averaging " + (syncEvery == 0 ? "once an epoch" : "every " + syncEvery + " steps"));
        List<Shard> shards = IntStream.range(0, workers).mapToObj(k -> Shard.of(train, workers, k)).toList();
        Broadcast<List<Shard>> data = sc.broadcast(shards);
        JavaRDD<Integer> replicas = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
        List<EpochRecord> records = new ArrayList<>();
        try {
            int lastEpoch = before.epochs() + options.epochs();
            for (int epoch = before.epochs() + 1; epoch <= lastEpoch; epoch++) {
                long start = System.nanoTime();
                double lossSum = 0;
                for (int from = 0; from < steps; from += perRound) {
                    int count = Math.min(perRound, steps - from);
                    Broadcast<List<float[]>> current = sc.broadcast(tensors);
                    int e = epoch;
                    int f = from;
                    Partial sum = round(replicas.map(k -> Replica.train(p, k, Replica.shard(p, k,
                            data.value().get(k)), current.value(), e, f, count)));
                    current.destroy();
                    tensors = sum.averages();
                    lossSum += sum.lossSum() / workers;
                    BatchProgress progress = new BatchProgress(epoch, lastEpoch, from + count, steps,
                            lossSum / (from + count), rate(p, optimizer, schedule, epoch, from + count - 1),
                            (from + count) * (double) batch * workers / ((System.nanoTime() - start) / 1e9));
                    listeners.forEach(l -> l.batchEnded(progress));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Tensor> state = new LinkedHashMap<>();
                for (int t = 0; t < names.size(); t++) {
                    Tensor own = model.parameters().get(names.get(t));
                    if (own != null) {
                        own.copyFrom(Tensor.of(tensors.get(t), own.shape().dims()));
                    } else {
                        state.put(names.get(t), Tensor.of(tensors.get(t), fresh.get(names.get(t)).shape().dims()));
                    }
                }
                Metrics v = validation == null ? null : model.evaluate(validation);
                EpochRecord record = new EpochRecord(epoch, lossSum / steps, v,
                        rate(p, optimizer, schedule, epoch, steps - 1), seconds, steps * (double) batch * workers
                        / seconds);
                records.add(record);
                model.recordEpoch(record, p.stepsBefore(epoch, steps), options.optimizer(optimizer), described,
                        state);
                listeners.forEach(l -> l.epochEnded(record));
            }
        } finally {
            data.destroy();
        }
        return records;
    }

    /**
     * The tensors every replica starts from, in the plan's order: the model's parameters, and its optimizer state
     * when it last trained with this very optimizer, else {@code fresh}'s, as {@link Model#fit} decides.
     */
    private static List<float[]> startingTensors(Model model, ReplicaPlan plan, Optimizer optimizer,
            Map<String, Tensor> fresh) {
        boolean resumed = model.trainingRecord().optimizer().equals(optimizer.describe());
        List<float[]> tensors = new ArrayList<>();
        for (String name : plan.tensors()) {
            Tensor kept = model.optimizerState().get(name);
            Tensor t = model.parameters().containsKey(name) ? model.parameters().get(name)
                    : resumed && kept != null && kept.type().equals(fresh.get(name).type()) ? kept : fresh.get(name);
            tensors.add(t.floats().clone());
        }
        return tensors;
    }

    /**
     * The replicas' tensors summed, two levels deep (treeAggregate's default: with many replicas the executors add
     * their partials before the driver adds theirs).
     *
     * @throws IllegalStateException when Spark gave up on a replica, with the replica's own error
     */
    private static Partial round(JavaRDD<Partial> replicas) {
        try {
            return replicas.treeAggregate(Partial.zero(), Partial::plus, Partial::plus);
        } catch (Exception e) {
            // Spark's SparkException (checked in Java's eyes, undeclared by Scala): its cause is the task's error
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("data-parallel fit failed: " + (cause.getMessage() != null
                    ? cause.getMessage().lines().findFirst().orElse("") : cause.toString()), e);
        }
    }

    /** The rate of step {@code batch} (from 0) of {@code epoch}, as the replicas set it. */
    private static double rate(ReplicaPlan plan, Optimizer optimizer, LearningRateSchedule schedule, int epoch,
            int batch) {
        return plan.schedule() == null ? optimizer.lr()
                : schedule.rate(optimizer.lr(), epoch - 1, plan.stepsBefore(epoch, batch));
    }

    private static void check(Model model, Dataset train, FitOptions options, int workers, int syncEvery) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        if (syncEvery < 0) {
            throw new IllegalArgumentException("--sync-every must be 0 (once an epoch) or a number of steps, got "
                    + syncEvery);
        }
        if (options.patience() > 0) {
            throw new IllegalArgumentException("early stopping (patience " + options.patience() + ") is not "
                    + "supported on Spark: give --patience 0");
        }
        if (model.architecture().dtype() != DType.F32) {
            throw new IllegalArgumentException("model " + model.name() + " is " + model.architecture().dtype()
                    + ": replicas compile their step, which takes f32 models only");
        }
        int shard = Shard.size(train.size(), workers);
        if (shard < options.batchSize()) {
            throw new IllegalArgumentException("each of " + workers + " shards of the " + train.size() + " training "
                    + "examples holds " + shard + ", fewer than one batch of " + options.batchSize()
                    + ": nothing to train on");
        }
    }
}
