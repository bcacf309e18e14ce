package io.chainrule.examples.spark;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.NonFiniteCheck;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One replica's steps between two synchronizations, run in an executor: from the averaged tensors, the steps of its
 * shard that the round covers, in the order {@link io.chainrule.runtime.model.Model#fit} would take them (the
 * shard's batches shuffled by the fit's seed and the epoch), then its tensors back. A replica keeps nothing between
 * rounds but the compiled step, cached per executor JVM, so a task Spark runs again gives the same result.
 */
final class Replica {
    private static final ExecutorCache<Compiled> COMPILED = new ExecutorCache<>(4);
    private static final ExecutorCache<Dataset> SHARDS = new ExecutorCache<>(8);

    /** A plan's training graph, compiled here; each run binds a step of its own to it. */
    private record Compiled(Graph graph, Executable executable) {
    }

    private Replica() {
    }

    /**
     * Runs steps {@code from} to {@code from + count - 1} (from 0) of {@code epoch} (from 1) on {@code shard},
     * starting from {@code tensors} (the plan's, in its order; not changed), and returns the tensors after them
     * with the losses' sum.
     *
     * @throws IllegalStateException when a step's loss is not finite, naming the replica, epoch and batch
     */
    static Partial train(ReplicaPlan plan, int replica, Dataset shard, List<float[]> tensors, int epoch, int from,
            int count) {
        Graph graph = compiled(plan).graph();
        Map<String, Node> sources = new HashMap<>();
        Stream.concat(graph.parameters().stream(), graph.states().stream()).forEach(n -> sources.put(n.name(), n));
        Map<String, Tensor> feeds = new HashMap<>();
        List<Tensor> trained = new ArrayList<>();
        for (int t = 0; t < plan.tensors().size(); t++) {
            String name = plan.tensors().get(t);
            Tensor value = Tensor.of(tensors.get(t).clone(), sources.get(name).type().shape().dims());
            feeds.put(name, value);
            trained.add(value);
        }
        DataLoader loader = DataLoader.shuffled(shard, plan.batch(), DataLoader.LastBatch.DROP, plan.seed());
        Tensor x = loader.newFeatures(0);
        Tensor y = loader.newTargets(0);
        feeds.put("x", x);
        feeds.put("y", y);
        LearningRateSchedule schedule = plan.scheduleValue();
        Tensor lr = null;
        if (schedule != null) {
            lr = Tensor.zeros(graph.find(TrainingGraph.LEARNING_RATE).orElseThrow().type());
            feeds.put(TrainingGraph.LEARNING_RATE, lr);
        }
        double baseLr = plan.optimizerValue().lr();
        double lossSum = 0;
        try (BoundStep step = compiled(plan).executable().bind(feeds)) {
            for (int b = from; b < from + count; b++) {
                loader.fill(epoch, b, x, y);
                if (lr != null) {
                    lr.setDouble(0, schedule.rate(baseLr, epoch - 1, plan.stepsBefore(epoch, b)));
                }
                // the step's inputs as they were, for the interpreter to run again and find the node at fault
                Map<String, Tensor> before = plan.checkFinite() ? copy(feeds) : null;
                step.run();
                double loss = step.output("loss").getDouble(0);
                if (!Double.isFinite(loss)) {
                    String where = "replica " + replica + ": loss is " + loss + " at epoch " + epoch + ", batch "
                            + (b + 1);
                    throw new IllegalStateException(before == null ? where : where + ": first produced by "
                            + NonFiniteCheck.firstProducer(graph, before).orElse("no node of the step"));
                }
                if (before != null) {
                    int batch = b + 1;
                    NonFiniteCheck.nonFiniteUpdate(graph, before, feeds).ifPresent(found -> {
                        throw new IllegalStateException("replica " + replica + ": the update at epoch " + epoch
                                + ", batch " + batch + " left NaN or infinity in " + found);
                    });
                }
                lossSum += loss;
            }
        }
        return Partial.of(trained.stream().map(Tensor::floats).toList(), lossSum);
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    /** The plan's step, built and compiled once per JVM. */
    private static Compiled compiled(ReplicaPlan plan) {
        return COMPILED.get(plan.id(), () -> {
            Graph g = plan.trainingGraph();
            return new Compiled(g, Backends.preferred().prepare(g));
        });
    }

    /** Replica {@code replica}'s shard as a dataset, copied out of the broadcast once per JVM. */
    static Dataset shard(ReplicaPlan plan, int replica, Shard shard) {
        return SHARDS.get(plan.id() + "/" + replica, shard::dataset);
    }
}
