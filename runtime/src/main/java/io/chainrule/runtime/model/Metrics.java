package io.chainrule.runtime.model;

/** What evaluating a model on a dataset measured: the mean loss, and the task's own figures. */
public sealed interface Metrics permits ClassificationMetrics, RegressionMetrics {
    /** The mean loss over every example, as training minimizes it. */
    double loss();

    /** One line for logs: {@code loss 0.0712, accuracy 0.9770}. */
    String summary();
}
