package io.chainrule.runtime.model;

import io.chainrule.runtime.Tensor;
import java.util.Arrays;

/**
 * What {@link Model#predict} gives for n examples: the network's outputs {@code [n, k]}; for a classifier also the
 * probabilities (the softmax of the outputs, also when the network ends in log-softmax) and the predicted classes
 * (the argmax, the first of equal scores winning, as {@link Model#evaluate} counts them).
 *
 * @param outputs       the network's outputs, {@code [n, k]}
 * @param probabilities the softmax of the outputs, {@code [n, k]}; null for regression
 * @param classes       the predicted class of each example; null for regression
 */
public record Predictions(Tensor outputs, Tensor probabilities, int[] classes) {
    /** The number of examples predicted. */
    public int size() {
        return outputs.shape().dim(0);
    }

    /** The predicted class of example {@code i}. */
    public int predictedClass(int i) {
        if (classes == null) {
            throw new IllegalStateException("a regression model predicts values, not classes");
        }
        return classes[i];
    }

    /** Example {@code i}'s probabilities, one per class. */
    public float[] probabilities(int i) {
        if (probabilities == null) {
            throw new IllegalStateException("a regression model predicts values, not probabilities");
        }
        int k = probabilities.shape().dim(1);
        return Arrays.copyOfRange(probabilities.floats(), i * k, (i + 1) * k);
    }

    /** Example {@code i}'s outputs: the predicted values of a regression model. */
    public float[] outputs(int i) {
        int k = outputs.shape().dim(1);
        return Arrays.copyOfRange(outputs.floats(), i * k, (i + 1) * k);
    }
}
