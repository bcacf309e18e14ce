package io.chainrule.ir.nn;

import io.chainrule.ir.Value;

/**
 * torch.nn.functional (and torch.flatten, torch.matmul) over values, so that a forward reads as PyTorch's does:
 * {@code import static io.chainrule.ir.nn.F.*;} then {@code x = relu(fc1.apply(x));}. Each function is the
 * {@link Value} method of the same meaning, and builds the same nodes.
 */
public final class F {
    private F() {
    }

    public static Value relu(Value x) {
        return x.relu();
    }

    /** PyTorch's default negative slope, 0.01. */
    public static Value leakyRelu(Value x) {
        return x.leakyRelu();
    }

    public static Value leakyRelu(Value x, double negativeSlope) {
        return x.leakyRelu(negativeSlope);
    }

    /** The exact GELU (erf form). */
    public static Value gelu(Value x) {
        return x.gelu();
    }

    /** softplus with beta 1 and threshold 20, as F.softplus(x). */
    public static Value softplus(Value x) {
        return x.softplus();
    }

    public static Value softplus(Value x, double beta, double threshold) {
        return x.softplus(beta, threshold);
    }

    public static Value silu(Value x) {
        return x.silu();
    }

    public static Value sigmoid(Value x) {
        return x.sigmoid();
    }

    public static Value tanh(Value x) {
        return x.tanh();
    }

    public static Value softmax(Value x, int dim) {
        return x.softmax(dim);
    }

    public static Value logSoftmax(Value x, int dim) {
        return x.logSoftmax(dim);
    }

    /** torch.flatten(x, 1): every axis after the batch axis. */
    public static Value flatten(Value x) {
        return x.flatten();
    }

    public static Value matmul(Value a, Value b) {
        return a.matmul(b);
    }

    /** x W^T, W shaped [out, in] as nn.Linear's weight. */
    public static Value linear(Value x, Value weight) {
        return x.matmul(weight, false, true);
    }

    /** x W^T + b. */
    public static Value linear(Value x, Value weight, Value bias) {
        return linear(x, weight).add(bias);
    }

    /** Of scores and i32 labels, mean over the batch. */
    public static Value crossEntropy(Value input, Value target) {
        return input.crossEntropy(target);
    }

    /** Of log-probabilities and i32 labels, mean over the batch. */
    public static Value nllLoss(Value input, Value target) {
        return input.nllLoss(target);
    }

    public static Value mseLoss(Value input, Value target) {
        return input.mseLoss(target);
    }

    /** Of probabilities and 0/1 targets, mean over the elements. */
    public static Value binaryCrossEntropy(Value input, Value target) {
        return input.bceLoss(target);
    }
}
