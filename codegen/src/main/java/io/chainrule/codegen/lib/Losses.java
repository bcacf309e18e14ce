package io.chainrule.codegen.lib;

/**
 * The losses, as the interpreter (and torch.nn) defines them: per-example losses in double, then written out (NONE),
 * summed (SUM) or averaged over every example (MEAN) in double, and rounded once to float. The reduction is given as
 * the ordinal of {@code io.chainrule.ir.Attrs.Reduction}: 0 = MEAN, 1 = SUM, 2 = NONE; out holds one element per
 * example for NONE, else one.
 */
public final class Losses {
    private static final int MEAN = 0;
    private static final int SUM = 1;
    private static final int NONE = 2;
    private static final double LOG_FLOOR = -100;

    private Losses() {
    }

    /** -log_softmax(logits)[i, labels[i]] for logits [rows, cols], as torch.nn.CrossEntropyLoss. */
    public static void crossEntropy(float[] logits, int[] labels, float[] out, int rows, int cols, int reduction) {
        checkReduction(reduction);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int label = Labels.label(labels, i, cols);
            int start = i * cols;
            double max = Softmax.max(logits, start, cols, 1);
            double logSum = Math.log(Softmax.sumOfExp(logits, start, cols, 1, max));
            double loss = -(logits[start + label] - max - logSum);
            total += record(out, i, loss, reduction);
        }
        reduce(out, total, rows, reduction);
    }

    /** -logProbs[i, labels[i]] for log-probabilities [rows, cols], as F.nll_loss. */
    public static void nllLoss(float[] logProbs, int[] labels, float[] out, int rows, int cols, int reduction) {
        checkReduction(reduction);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double loss = -(double) logProbs[i * cols + Labels.label(labels, i, cols)];
            total += record(out, i, loss, reduction);
        }
        reduce(out, total, rows, reduction);
    }

    /** (input - target)^2 over n elements, as torch.nn.MSELoss. */
    public static void mseLoss(float[] input, float[] target, float[] out, int n, int reduction) {
        checkReduction(reduction);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) input[i] - target[i];
            total += record(out, i, d * d, reduction);
        }
        reduce(out, total, n, reduction);
    }

    /**
     * -(t log p + (1 - t) log(1 - p)) over n elements with both logs clamped to at least -100, as torch.nn.BCELoss,
     * which also rejects probabilities and targets outside [0, 1].
     */
    public static void bceLoss(float[] p, float[] target, float[] out, int n, int reduction) {
        checkReduction(reduction);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double pi = unitInterval("input", p, i);
            double t = unitInterval("target", target, i);
            double logP = Math.max(Math.log(pi), LOG_FLOOR);
            double logNotP = Math.max(Math.log1p(-pi), LOG_FLOOR);
            total += record(out, i, (t - 1) * logNotP - t * logP, reduction);
        }
        reduce(out, total, n, reduction);
    }

    private static void checkReduction(int reduction) {
        if (reduction != MEAN && reduction != SUM && reduction != NONE) {
            throw new IllegalArgumentException("reduction code " + reduction + " is not 0 (mean), 1 (sum) or 2 (none)");
        }
    }

    /** Writes example i's loss for NONE; otherwise returns it to be added to the total. */
    private static double record(float[] out, int i, double loss, int reduction) {
        if (reduction == NONE) {
            out[i] = (float) loss;
            return 0;
        }
        return loss;
    }

    private static void reduce(float[] out, double total, int count, int reduction) {
        if (reduction == SUM) {
            out[0] = (float) total;
        } else if (reduction == MEAN) {
            out[0] = (float) (total / count);
        }
    }

    private static double unitInterval(String what, float[] values, int i) {
        double v = values[i];
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " element " + i + " is " + v + ", outside [0, 1]");
        }
        return v;
    }
}
