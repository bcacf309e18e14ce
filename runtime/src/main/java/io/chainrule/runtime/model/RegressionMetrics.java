package io.chainrule.runtime.model;

import java.util.Locale;

/**
 * Regression figures over a dataset: the mean loss (MSE, as training computes it in f32), and in double, the mean
 * squared error, the mean absolute error and R² = 1 - SS_res / SS_tot (scikit-learn's r2_score, averaged uniformly
 * over the targets when there are several).
 *
 * @param loss the mean loss, as training computes it (f32 MSE)
 * @param mse  the mean squared error, in double
 * @param mae  the mean absolute error, in double
 * @param r2   the coefficient of determination, 1 - SS_res / SS_tot
 */
public record RegressionMetrics(double loss, double mse, double mae, double r2) implements Metrics {
    @Override
    public String summary() {
        return String.format(Locale.ROOT, "loss %.6f, mse %.6f, mae %.6f, r2 %.4f", loss, mse, mae, r2);
    }
}
