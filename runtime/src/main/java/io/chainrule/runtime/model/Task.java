package io.chainrule.runtime.model;

/** What a model learns, which decides its loss and its metrics. */
public enum Task {
    /** Class labels: cross-entropy of the network's scores (nn.CrossEntropyLoss); accuracy and a confusion matrix. */
    CLASSIFICATION,
    /** Real-valued targets: mean squared error (nn.MSELoss); MSE, MAE and R². */
    REGRESSION
}
