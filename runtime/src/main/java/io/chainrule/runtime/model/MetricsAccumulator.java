package io.chainrule.runtime.model;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.kernels.ArgMax;

/** Sums over evaluation batches what the metrics need: the loss, and the outputs against the targets. */
final class MetricsAccumulator {
    private final Task task;
    private final int width;
    private long examples;
    private double lossSum;
    private final long[][] confusion;
    private final double[] squaredError;
    private final double[] absoluteError;
    private final double[] targetSum;
    private final double[] targetSquares;

    MetricsAccumulator(Task task, int width) {
        this.task = task;
        this.width = width;
        this.confusion = task == Task.CLASSIFICATION ? new long[width][width] : null;
        int k = task == Task.REGRESSION ? width : 0;
        this.squaredError = new double[k];
        this.absoluteError = new double[k];
        this.targetSum = new double[k];
        this.targetSquares = new double[k];
    }

    /** A batch: its mean loss, the network's outputs {@code [rows, width]} and the targets. */
    void add(double meanLoss, Tensor outputs, Tensor targets) {
        int rows = outputs.shape().dim(0);
        examples += rows;
        lossSum += meanLoss * rows;
        float[] out = outputs.floats();
        if (task == Task.CLASSIFICATION) {
            int[] labels = targets.ints();
            for (int i = 0; i < rows; i++) {
                confusion[labels[i]][ArgMax.of(out, i * width, width, 1)]++;
            }
            return;
        }
        float[] y = targets.floats();
        for (int i = 0; i < rows * width; i++) {
            int k = i % width;
            double error = (double) out[i] - y[i];
            squaredError[k] += error * error;
            absoluteError[k] += Math.abs(error);
            targetSum[k] += y[i];
            targetSquares[k] += (double) y[i] * y[i];
        }
    }

    Metrics metrics() {
        double loss = lossSum / examples;
        if (task == Task.CLASSIFICATION) {
            long correct = 0;
            for (int c = 0; c < width; c++) {
                correct += confusion[c][c];
            }
            return new ClassificationMetrics(loss, correct / (double) examples, confusion);
        }
        double mse = 0;
        double mae = 0;
        double r2 = 0;
        for (int k = 0; k < width; k++) {
            mse += squaredError[k] / examples;
            mae += absoluteError[k] / examples;
            double mean = targetSum[k] / examples;
            double total = targetSquares[k] - examples * mean * mean;
            // scikit-learn's r2_score: a constant target scores 1 when predicted exactly, else 0
            r2 += total > 0 ? 1 - squaredError[k] / total : squaredError[k] == 0 ? 1 : 0;
        }
        return new RegressionMetrics(loss, mse / width, mae / width, r2 / width);
    }
}
