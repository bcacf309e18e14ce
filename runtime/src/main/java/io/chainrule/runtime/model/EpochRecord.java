package io.chainrule.runtime.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did: the mean training loss, the metrics on the validation set ({@code validation}, null when
 * training had none), the learning rate of its last step, and how long it took.
 *
 * @param epoch the model's epoch count, 1-based (a resumed model goes on counting)
 * @param trainLoss the mean training loss of the epoch's batches
 * @param validation the metrics on the validation set after the epoch; null when training had none
 * @param learningRate the rate of the epoch's last step
 * @param seconds the time the epoch's training steps took (validation not included)
 * @param examplesPerSecond the examples trained on per second
 */
public record EpochRecord(int epoch, double trainLoss, Metrics validation, double learningRate, double seconds,
                          double examplesPerSecond) {

    /** The record as named CSV cells, in column order; the validation columns are the metrics' own. */
    Map<String, String> cells() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("epoch", String.valueOf(epoch));
        cells.put("train_loss", String.valueOf(trainLoss));
        if (validation instanceof ClassificationMetrics c) {
            cells.put("validation_loss", String.valueOf(c.loss()));
            cells.put("validation_accuracy", String.valueOf(c.accuracy()));
        } else if (validation instanceof RegressionMetrics r) {
            cells.put("validation_loss", String.valueOf(r.loss()));
            cells.put("validation_mse", String.valueOf(r.mse()));
            cells.put("validation_mae", String.valueOf(r.mae()));
            cells.put("validation_r2", String.valueOf(r.r2()));
        }
        cells.put("learning_rate", String.valueOf(learningRate));
        cells.put("seconds", String.valueOf(seconds));
        cells.put("examples_per_second", String.valueOf(examplesPerSecond));
        return cells;
    }
}
