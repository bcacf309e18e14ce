package io.chainrule.runtime.train;

/** The mean loss and the accuracy (argmax of the output against the label) over a dataset. */
public record Evaluation(double loss, double accuracy) {
}
