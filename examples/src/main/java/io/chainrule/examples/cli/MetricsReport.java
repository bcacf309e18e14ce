package io.chainrule.examples.cli;

import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.Metrics;
import io.chainrule.runtime.model.RegressionMetrics;
import java.util.List;
import java.util.Locale;

/**
 * A model's figures on a dataset, one per line as {@code name: value} so that scripts can pick them out: loss and
 * accuracy for a classifier, mean squared error, mean absolute error and R² for a regression model (whose loss is
 * the mean squared error again).
 */
final class MetricsReport {
    private MetricsReport() {
    }

    /** {@code test loss: 0.2702}, {@code test accuracy: 0.9243}; {@code prefix} names the set, or is empty. */
    static List<String> lines(String prefix, Metrics metrics) {
        String p = prefix.isEmpty() ? "" : prefix + " ";
        if (metrics instanceof ClassificationMetrics c) {
            return List.of(String.format(Locale.ROOT, "%sloss: %.4f", p, c.loss()),
                    String.format(Locale.ROOT, "%saccuracy: %.4f", p, c.accuracy()));
        }
        RegressionMetrics r = (RegressionMetrics) metrics;
        return List.of(String.format(Locale.ROOT, "%smse: %.6f", p, r.mse()),
                String.format(Locale.ROOT, "%smae: %.6f", p, r.mae()),
                String.format(Locale.ROOT, "%sr2: %.4f", p, r.r2()));
    }
}
