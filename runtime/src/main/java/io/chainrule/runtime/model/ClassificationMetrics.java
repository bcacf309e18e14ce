package io.chainrule.runtime.model;

import java.util.Locale;

/**
 * Classification figures over a dataset: the mean cross-entropy, the accuracy (argmax of the scores against the label,
 * the first of equal scores winning, as torch.argmax), and the confusion matrix.
 *
 * @param loss      the mean cross-entropy
 * @param accuracy  the share of examples whose predicted class is their label
 * @param confusion how many examples of each label were predicted as each class: {@code confusion[label][predicted]}
 */
public record ClassificationMetrics(double loss, double accuracy, long[][] confusion) implements Metrics {
    /** Examples counted. */
    public long examples() {
        long n = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.4f", loss, accuracy);
    }

    /** The confusion matrix as rows of counts, a header of predicted classes first. */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder("label\\predicted");
        for (int c = 0; c < confusion.length; c++) {
            sb.append(String.format(Locale.ROOT, " %6d", c));
        }
        for (int label = 0; label < confusion.length; label++) {
            sb.append(String.format(Locale.ROOT, "%n%15d", label));
            for (long count : confusion[label]) {
                sb.append(String.format(Locale.ROOT, " %6d", count));
            }
        }
        return sb.toString();
    }
}
