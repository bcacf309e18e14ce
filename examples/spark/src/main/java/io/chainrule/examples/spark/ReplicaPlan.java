package io.chainrule.examples.spark;

import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.text.LayerText;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import io.chainrule.runtime.model.TrainingRecord;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What every replica of one data-parallel fit trains, as text and numbers that travel to the executors, where the
 * training graph is built and compiled again (a generated class exists only in the JVM that defined it).
 *
 * @param id             names this fit, for each executor's cache of compiled steps
 * @param network        the network's text ({@link LayerText})
 * @param optimizer      {@link Optimizer#describe()}'s text
 * @param schedule       {@link LearningRateSchedule#describe()}'s text, or null for a constant rate
 * @param checkFinite    whether a step's updates are checked, and a non-finite value traced to its node
 * @param epochsDone     the model's epochs before this fit, which counts on from them
 * @param stepsDone      the model's steps before this fit (a schedule reads the count)
 * @param stepsPerEpoch  the steps each replica takes per epoch: its shard's full batches
 * @param tensors        the parameters and optimizer state, in the order their values travel
 */
record ReplicaPlan(String id, String name, String network, int[] inputShape, Task task, boolean standardized,
        DType dtype, int batch, String optimizer, String schedule, long seed, boolean checkFinite, int epochsDone,
        long stepsDone, int stepsPerEpoch, List<String> tensors) implements Serializable {

    /**
     * The plan for {@code model}, whose network must be made of modules (it travels as text), with {@code options}'
     * batch size, schedule, seed and non-finite check, after the training {@code before} records.
     */
    static ReplicaPlan of(Model model, FitOptions options, Optimizer optimizer, TrainingRecord before,
            int stepsPerEpoch) {
        int batch = options.batchSize();
        LearningRateSchedule schedule = options.schedule();
        Architecture a = model.architecture();
        String text = LayerText.print(a.network()).orElseThrow(() -> new IllegalArgumentException("model "
                + model.name() + " cannot train on a cluster: its network is not made of modules alone (a lambda in "
                + "it has no text to send to the executors)"));
        boolean scheduled = schedule != null && !(schedule instanceof LearningRateSchedule.Constant);
        Graph step = trainingGraph(a, batch, optimizer, scheduled);
        List<String> tensors = Stream.concat(step.parameters().stream(), step.states().stream()).map(Node::name)
                .toList();
        return new ReplicaPlan(UUID.randomUUID().toString(), a.name(), text, a.inputShape().dims(), a.task(),
                a.standardized(), a.dtype(), batch, optimizer.describe(), scheduled ? schedule.describe() : null,
                options.seed(), options.checkFinite(), before.epochs(), before.steps(), stepsPerEpoch, tensors);
    }

    Optimizer optimizerValue() {
        return Optimizer.parse(optimizer);
    }

    LearningRateSchedule scheduleValue() {
        return schedule == null ? null : LearningRateSchedule.parse(schedule);
    }

    /** The graph of one step, as {@link Model#fit} builds it: forward, backward and update at the batch size. */
    Graph trainingGraph() {
        return trainingGraph(new Architecture(name, LayerText.parse(network), Shape.of(inputShape), task,
                standardized, dtype), batch, optimizerValue(), schedule != null);
    }

    private static Graph trainingGraph(Architecture a, int batch, Optimizer optimizer, boolean learningRateInput) {
        return TrainingGraph.build(a.forward(batch, true), "loss", optimizer,
                Gradients.Options.parameters(), learningRateInput);
    }

    /**
     * The model's step count before step {@code batch} (from 0) of {@code epoch} (the model's, from 1): what a
     * schedule reads.
     */
    long stepsBefore(int epoch, int batch) {
        return stepsDone + (long) (epoch - epochsDone - 1) * stepsPerEpoch + batch;
    }
}
