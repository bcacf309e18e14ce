package io.chainrule.runtime.kernels;

import io.chainrule.ir.Attrs.Reduction;

/**
 * The losses, as torch.nn defines them, for both backends: per-example losses in double, then written out (NONE),
 * summed (SUM) or averaged over every example (MEAN) in double, and rounded once to the output's type; out holds one
 * element per example for NONE, else one. The f64 overloads differ only in the array types.
 */
public final class Losses {
    private static final double LOG_FLOOR = -100;

    private Losses() {
    }

    /** -log_softmax(logits)[i, labels[i]] for logits [rows, cols], as torch.nn.CrossEntropyLoss. */
    public static void crossEntropy(float[] logits, int[] labels, float[] out, int rows, int cols,
            Reduction reduction) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int start = i * cols;
            double max = Softmax.max(logits, start, cols, 1);
            double logSum = Math.log(Softmax.sumOfExp(logits, start, cols, 1, max));
            double loss = -(logits[start + Labels.label(labels, i, cols)] - max - logSum);
            total += keep(out, i, loss, reduction);
        }
        finish(out, total, rows, reduction);
    }

    /** As the f32 cross-entropy. */
    public static void crossEntropy(double[] logits, int[] labels, double[] out, int rows, int cols,
            Reduction reduction) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int start = i * cols;
            double max = Softmax.max(logits, start, cols, 1);
            double logSum = Math.log(Softmax.sumOfExp(logits, start, cols, 1, max));
            double loss = -(logits[start + Labels.label(labels, i, cols)] - max - logSum);
            total += keep(out, i, loss, reduction);
        }
        finish(out, total, rows, reduction);
    }

    /** -logProbs[i, labels[i]] for log-probabilities [rows, cols], as F.nll_loss. */
    public static void nllLoss(float[] logProbs, int[] labels, float[] out, int rows, int cols, Reduction reduction) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            total += keep(out, i, -(double) logProbs[i * cols + Labels.label(labels, i, cols)], reduction);
        }
        finish(out, total, rows, reduction);
    }

    /** As the f32 NLL loss. */
    public static void nllLoss(double[] logProbs, int[] labels, double[] out, int rows, int cols,
            Reduction reduction) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            total += keep(out, i, -logProbs[i * cols + Labels.label(labels, i, cols)], reduction);
        }
        finish(out, total, rows, reduction);
    }

    /** (input - target)^2 over n elements, as torch.nn.MSELoss. */
    public static void mseLoss(float[] input, float[] target, float[] out, int n, Reduction reduction) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += keep(out, i, squaredError(input[i], target[i]), reduction);
        }
        finish(out, total, n, reduction);
    }

    /** As the f32 MSE loss. */
    public static void mseLoss(double[] input, double[] target, double[] out, int n, Reduction reduction) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += keep(out, i, squaredError(input[i], target[i]), reduction);
        }
        finish(out, total, n, reduction);
    }

    /**
     * -(t log p + (1 - t) log(1 - p)) over n elements with both logs clamped to at least -100, as torch.nn.BCELoss,
     * which also rejects probabilities and targets outside [0, 1].
     */
    public static void bceLoss(float[] p, float[] target, float[] out, int n, Reduction reduction) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += keep(out, i, binaryCrossEntropy(i, p[i], target[i]), reduction);
        }
        finish(out, total, n, reduction);
    }

    /** As the f32 BCE loss. */
    public static void bceLoss(double[] p, double[] target, double[] out, int n, Reduction reduction) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += keep(out, i, binaryCrossEntropy(i, p[i], target[i]), reduction);
        }
        finish(out, total, n, reduction);
    }

    private static double squaredError(double input, double target) {
        double d = input - target;
        return d * d;
    }

    private static double binaryCrossEntropy(int i, double p, double t) {
        unitInterval("input", i, p);
        unitInterval("target", i, t);
        double logP = Math.max(Math.log(p), LOG_FLOOR);
        double logNotP = Math.max(Math.log1p(-p), LOG_FLOOR);
        return (t - 1) * logNotP - t * logP;
    }

    private static void unitInterval(String what, int i, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " element " + i + " is " + v + ", outside [0, 1]");
        }
    }

    /** Writes example i's loss for NONE and returns 0; otherwise returns it, to be added to the total. */
    private static double keep(float[] out, int i, double loss, Reduction reduction) {
        if (reduction == Reduction.NONE) {
            out[i] = (float) loss;
            return 0;
        }
        return loss;
    }

    private static double keep(double[] out, int i, double loss, Reduction reduction) {
        if (reduction == Reduction.NONE) {
            out[i] = loss;
            return 0;
        }
        return loss;
    }

    private static void finish(float[] out, double total, int count, Reduction reduction) {
        switch (reduction) {
            case MEAN -> out[0] = (float) (total / count);
            case SUM -> out[0] = (float) total;
            case NONE -> {
            }
        }
    }

    private static void finish(double[] out, double total, int count, Reduction reduction) {
        switch (reduction) {
            case MEAN -> out[0] = total / count;
            case SUM -> out[0] = total;
            case NONE -> {
            }
        }
    }
}
