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
import java.util.ArrayList;
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
     * Trains {@code model} (a new one: its training starts here) as {@code workers} replicas with {@code options}'
     * epochs, per-replica batch size, optimizer (Adam's defaults when none), schedule and seed, averaging every
     * {@code syncEvery} steps (0: at the end of each epoch; a round never crosses an epoch's end). The model ends with
     * the averaged parameters; {@code validation} (may be null) is measured on the driver after every epoch, and the
     * listeners hear every round (as a batch) and every epoch.
     *
     * @throws IllegalArgumentException naming the option that cannot work: early stopping, the non-finite check, a
     *     model that trained before, a dtype other than f32, shards smaller than a batch
     */
    static List<EpochRecord> run(JavaSparkContext sc, Model model, Dataset train, Dataset validation,
            FitOptions options, int workers, int syncEvery, List<TrainingListener> listeners) {
        check(model, train, options, workers, syncEvery);
        int batch = options.batchSize();
        int steps = Shard.size(train.size(), workers) / batch;
        int perRound = syncEvery == 0 ? steps : syncEvery;
        if (model.architecture().standardized()) {
            Standardization s = Standardization.fit(train);
            model.parameters().get(MEAN).copyFrom(Tensor.of(s.mean(), model.inputShape().dims()));
            model.parameters().get(STD).copyFrom(Tensor.of(s.std(), model.inputShape().dims()));
        }
        Optimizer optimizer = options.optimizer() != null ? options.optimizer() : Adam.defaults();
        LearningRateSchedule schedule = options.schedule();
        ReplicaPlan p = ReplicaPlan.of(model, batch, optimizer, schedule, options.seed(), steps);
        List<String> names = p.tensors();
        // the optimizer's state starts at zero, as a new torch.optim optimizer's does
        Map<String, Tensor> fresh = Parameters.initialize(p.trainingGraph(), 0);
        List<float[]> tensors = new ArrayList<>();
        for (String name : names) {
            Tensor t = model.parameters().getOrDefault(name, fresh.get(name));
            tensors.add(t.floats().clone());
        }
        List<Shard> shards = IntStream.range(0, workers).mapToObj(k -> Shard.of(train, workers, k)).toList();
        Broadcast<List<Shard>> data = sc.broadcast(shards);
        JavaRDD<Integer> replicas = sc.parallelize(IntStream.range(0, workers).boxed().toList(), workers);
        List<EpochRecord> records = new ArrayList<>();
        try {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
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
                    BatchProgress progress = new BatchProgress(epoch, options.epochs(), from + count, steps,
                            lossSum / (from + count), rate(p, optimizer, schedule, epoch, from + count - 1),
                            (from + count) * (double) batch * workers / ((System.nanoTime() - start) / 1e9));
                    listeners.forEach(l -> l.batchEnded(progress));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                for (int t = 0; t < names.size(); t++) {
                    Tensor own = model.parameters().get(names.get(t));
                    if (own != null) {
                        own.copyFrom(Tensor.of(tensors.get(t), own.shape().dims()));
                    }
                }
                Metrics v = validation == null ? null : model.evaluate(validation);
                EpochRecord record = new EpochRecord(epoch, lossSum / steps, v,
                        rate(p, optimizer, schedule, epoch, steps - 1), seconds, steps * (double) batch * workers
                        / seconds);
                records.add(record);
                listeners.forEach(l -> l.epochEnded(record));
            }
        } finally {
            data.destroy();
        }
        return records;
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
        if (options.checkFinite()) {
            throw new IllegalArgumentException("--check-finite runs on one machine only: a replica's non-finite "
                    + "loss already fails the fit, naming the replica, epoch and batch");
        }
        if (model.trainingRecord().steps() > 0) {
            throw new IllegalArgumentException("model " + model.name() + " trained before: a data-parallel fit "
                    + "starts a new model (its optimizer state stays on one machine)");
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
