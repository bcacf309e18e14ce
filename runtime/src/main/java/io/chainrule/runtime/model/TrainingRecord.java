package io.chainrule.runtime.model;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.runtime.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What training has done to a model, saved with it: the optimizer and its hyperparameters, the learning-rate schedule,
 * how many epochs and steps have run, the batch size and shuffling seed of the last fit, the data it trained on, and
 * the last epoch's figures (training loss, validation metrics).
 *
 * @param optimizer the optimizer's {@link Optimizer#describe()} text, empty before training
 * @param schedule  the schedule's {@link LearningRateSchedule#describe()} text, empty for a constant rate
 * @param epochs    the epochs the model has trained, over every fit
 * @param steps     the optimizer steps it has taken, over every fit
 * @param batchSize the last fit's batch size
 * @param seed      the last fit's shuffling seed
 * @param data      the description of the data the last fit trained on
 * @param metrics   figures by name: {@code train_loss}, {@code validation_loss}, {@code validation_accuracy}, ...
 */
public record TrainingRecord(String optimizer, String schedule, int epochs, long steps, int batchSize, long seed,
                             String data, Map<String, String> metrics) {
    /** A model that has not trained. */
    public static final TrainingRecord NONE = new TrainingRecord("", "", 0, 0, 0, 0, "", Map.of());

    private static final String PREFIX = "training.";
    private static final String METRIC = "metric.";

    public TrainingRecord {
        metrics = Map.copyOf(metrics);
    }

    /** The record after {@code epoch}, the model's epoch count, and {@code steps} steps in all. */
    TrainingRecord after(Optimizer o, LearningRateSchedule s, int epoch, long stepsDone, FitOptions options,
            Dataset train, EpochRecord last) {
        Map<String, String> m = new LinkedHashMap<>(last.cells());
        m.keySet().removeAll(java.util.List.of("epoch", "seconds", "examples_per_second"));
        return new TrainingRecord(o.describe(), Model.scheduled(s) ? s.describe() : "", epoch, stepsDone,
                options.batchSize(), options.seed(), train.description(), m);
    }

    /** The same record with the validation figures of the epoch whose parameters the model kept. */
    TrainingRecord withValidation(Metrics validation) {
        if (validation == null) {
            return this;
        }
        Map<String, String> m = new LinkedHashMap<>(metrics);
        m.keySet().removeIf(k -> k.startsWith("validation_"));
        new EpochRecord(0, 0, validation, 0, 0, 0).cells().forEach((k, v) -> {
            if (k.startsWith("validation_")) {
                m.put(k, v);
            }
        });
        return new TrainingRecord(optimizer, schedule, epochs, steps, batchSize, seed, data, m);
    }

    /** As safetensors metadata: flat string entries under {@code training.} and {@code metric.}. */
    Map<String, String> toMetadata() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PREFIX + "optimizer", optimizer);
        out.put(PREFIX + "schedule", schedule);
        out.put(PREFIX + "epochs", String.valueOf(epochs));
        out.put(PREFIX + "steps", String.valueOf(steps));
        out.put(PREFIX + "batch_size", String.valueOf(batchSize));
        out.put(PREFIX + "seed", String.valueOf(seed));
        out.put(PREFIX + "data", data);
        metrics.forEach((k, v) -> out.put(METRIC + k, v));
        return out;
    }

    /** The record {@link #toMetadata} wrote; absent entries read as a model that has not trained. */
    static TrainingRecord fromMetadata(Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(METRIC)) {
                m.put(k.substring(METRIC.length()), v);
            }
        });
        return new TrainingRecord(metadata.getOrDefault(PREFIX + "optimizer", ""),
                metadata.getOrDefault(PREFIX + "schedule", ""),
                Integer.parseInt(metadata.getOrDefault(PREFIX + "epochs", "0")),
                Long.parseLong(metadata.getOrDefault(PREFIX + "steps", "0")),
                Integer.parseInt(metadata.getOrDefault(PREFIX + "batch_size", "0")),
                Long.parseLong(metadata.getOrDefault(PREFIX + "seed", "0")),
                metadata.getOrDefault(PREFIX + "data", ""), m);
    }
}
