package io.chainrule.examples.sweep;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Module;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.History;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.RegressionMetrics;
import io.chainrule.runtime.model.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One configuration of a sweep: an MLP of the given hidden widths, learning {@code target} on [0, 1] by regression
 * (the optimizer with a cosine-annealed learning rate, the compiled step, through the Model API). Everything a worker
 * needs is in the record, so a worker on another thread, or in another JVM, runs it by {@link #run()} alone.
 *
 * @param hidden    the hidden layers' widths, in order: {@code [64]} is one wide layer, {@code [8, 8, 8, 8]} four
 *                  narrow ones
 * @param optimizer an optimizer's name as {@link Optimizer#of} takes it: sgd, momentum, nesterov, adam, adamw
 * @param points    training points, evenly spaced from 0 to 1; the error is measured midway between them
 *                  ({@link Target#samples}, {@link Target#midpoints})
 */
public record FitTrial(Target target, List<Integer> hidden, Activation activation, long seed, int epochs,
                       int batchSize, String optimizer, double learningRate, int points) implements Serializable {

    /** A trial with Adam. */
    public FitTrial(Target target, List<Integer> hidden, Activation activation, long seed, int epochs, int batchSize,
            double learningRate, int points) {
        this(target, hidden, activation, seed, epochs, batchSize, "adam", learningRate, points);
    }

    public FitTrial {
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("a trial's network needs hidden layers of at least 1 unit, got "
                    + hidden);
        }
        if (epochs < 1 || batchSize < 1 || points < batchSize || !(learningRate > 0)) {
            throw new IllegalArgumentException("a trial needs epochs >= 1, 1 <= batch size <= points and a positive "
                    + "learning rate: epochs " + epochs + ", batch size " + batchSize + ", points " + points
                    + ", learning rate " + learningRate);
        }
    }

    /** {@code 1-8-8-8-8-1}: the network's layer widths, input and output included. */
    public String shape() {
        return shape(hidden);
    }

    /** {@code 1-8-8-8-8-1} for hidden layers {@code [8, 8, 8, 8]}. */
    public static String shape(List<Integer> hidden) {
        return "1-" + hidden.stream().map(String::valueOf).collect(Collectors.joining("-")) + "-1";
    }

    /** The MLP of this trial (see {@link #mlp}). */
    public Module network() {
        return mlp(hidden, activation);
    }

    /**
     * An MLP from 1 input to 1 output: Linear layers named fc1, fc2, ... of the {@code hidden} widths, each followed
     * by {@code activation}, then a Linear layer named out.
     */
    public static Module mlp(List<Integer> hidden, Activation activation) {
        List<Module> layers = new ArrayList<>();
        int in = 1;
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new Linear("fc" + (i + 1), in, hidden.get(i)));
            layers.add(activation);
            in = hidden.get(i);
        }
        layers.add(new Linear("out", in, 1));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** Trains a new model on this configuration, measuring it after every epoch. */
    public FitResult run() {
        Dataset train = target.samples(points);
        Dataset test = target.midpoints(points);
        try (Model model = Model.builder(network()).name("fit").input(1).task(Task.REGRESSION).standardized(true)
                .seed(seed).build()) {
            TrainingCpuTime time = new TrainingCpuTime(epochs);
            History h = model.fit(train, test, FitOptions.defaults().epochs(epochs).batchSize(batchSize)
                    .optimizer(Optimizer.of(optimizer, learningRate))
                    .schedule(new LearningRateSchedule.CosineAnnealing(epochs, 0))
                    .seed(seed), time);
            double[] mse = h.epochs().stream().mapToDouble(e -> ((RegressionMetrics) e.validation()).mse()).toArray();
            double[] seconds = time.seconds();
            return new FitResult(this, model.parameterCount(), mse[epochs - 1], constantMse(test),
                    seconds[epochs - 1], seconds, mse);
        }
    }

    /** The error of the best constant predictor, the targets' mean: their variance. */
    public static double constantMse(Dataset data) {
        float[] y = data.targetTensor().floats();
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        double sum = 0;
        for (float v : y) {
            sum += (v - mean) * (v - mean);
        }
        return sum / y.length;
    }
}
