package io.chainrule.runtime;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.TensorType;

/**
 * The losses, as torch.nn defines them: per-example losses computed in double, then kept (NONE), summed (SUM) or
 * averaged over every element (MEAN), and rounded once to the output dtype.
 */
final class Losses {
    private static final double LOG_FLOOR = -100;

    private Losses() {
    }

    /** -log_softmax(x)[i, y_i] for logits [N, C], as torch.nn.CrossEntropyLoss. */
    static Tensor crossEntropy(Tensor logits, Tensor labels, Reduction reduction, TensorType type) {
        Lanes rows = Lanes.along(logits.shape(), 1);
        int[] y = labels.ints();
        double[] row = new double[rows.length()];
        double[] loss = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int label = Labels.label(y, i, rows.length());
            rows.load(logits, i, row);
            Softmax.logSoftmaxInPlace(row);
            loss[i] = -row[label];
        }
        return reduce(loss, reduction, type);
    }

    /** -x[i, y_i] for log-probabilities [N, C], as F.nll_loss. */
    static Tensor nllLoss(Tensor logProbs, Tensor labels, Reduction reduction, TensorType type) {
        int classes = logProbs.shape().dim(1);
        int[] y = labels.ints();
        double[] loss = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            loss[i] = -logProbs.getDouble(i * classes + Labels.label(y, i, classes));
        }
        return reduce(loss, reduction, type);
    }

    /** (input - target)^2 elementwise, as torch.nn.MSELoss. */
    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction, TensorType type) {
        double[] loss = new double[input.size()];
        for (int i = 0; i < loss.length; i++) {
            double d = input.getDouble(i) - target.getDouble(i);
            loss[i] = d * d;
        }
        return reduce(loss, reduction, type);
    }

    /**
     * -(t log p + (1 - t) log(1 - p)) with both logs clamped to at least -100, as torch.nn.BCELoss, which also rejects
     * probabilities and targets outside [0, 1].
     */
    static Tensor bceLoss(Tensor input, Tensor target, Reduction reduction, TensorType type) {
        double[] loss = new double[input.size()];
        for (int i = 0; i < loss.length; i++) {
            double p = unitInterval("input", input, i);
            double t = unitInterval("target", target, i);
            double logP = Math.max(Math.log(p), LOG_FLOOR);
            double logNotP = Math.max(Math.log1p(-p), LOG_FLOOR);
            loss[i] = (t - 1) * logNotP - t * logP;
        }
        return reduce(loss, reduction, type);
    }

    private static double unitInterval(String what, Tensor t, int i) {
        double v = t.getDouble(i);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " element " + i + " is " + v + ", outside [0, 1]");
        }
        return v;
    }

    private static Tensor reduce(double[] loss, Reduction reduction, TensorType type) {
        Tensor out = Tensor.zeros(type);
        switch (reduction) {
            case NONE -> {
                for (int i = 0; i < loss.length; i++) {
                    out.setDouble(i, loss[i]);
                }
            }
            case SUM -> out.setDouble(0, sum(loss));
            case MEAN -> out.setDouble(0, sum(loss) / loss.length);
        }
        return out;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
