package io.chainrule.runtime.model;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Module;
import java.util.Objects;

/**
 * What a model computes, without its weights: the network, one example's shape, the task, whether inputs are
 * standardized first, and the dtype. It makes the model's graphs for any batch size: input {@code x}
 * ({@code [batch, ...inputShape]}), standardized by the states {@code input.mean} and {@code input.std} when asked
 * to, output {@code output}; with the loss also input {@code y} (i32 labels, or targets as wide as the output) and
 * output {@code loss} (cross-entropy of the scores, as nn.CrossEntropyLoss; or the mean squared error); without it,
 * for a classifier, output {@code probabilities} (the softmax of the scores).
 *
 * @param name         the graph's name (letters, digits, '_')
 * @param network      the layers from the (standardized) input to the output; a {@link Module} can be saved as text
 * @param inputShape   one example's shape, without the batch axis
 * @param task         classification (integer labels, cross-entropy) or regression (real targets, squared error)
 * @param standardized whether the input is standardized by the states {@code input.mean} and {@code input.std}
 * @param dtype        the floating type the model computes in
 */
public record Architecture(String name, Layer network, Shape inputShape, Task task, boolean standardized,
                           DType dtype) {
    static final String X = "x";
    static final String Y = "y";
    static final String OUTPUT = "output";
    static final String LOSS = "loss";
    static final String PROBABILITIES = "probabilities";
    static final String MEAN = "input.mean";
    static final String STD = "input.std";

    public Architecture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(inputShape, "inputShape");
        Objects.requireNonNull(task, "task");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("a model computes in a floating dtype, not " + dtype);
        }
    }

    /** The forward graph for {@code batch} examples, with its loss or, for a classifier, its probabilities. */
    public Graph forward(int batch, boolean withLoss) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        GraphBuilder b = new GraphBuilder(name);
        Value x = b.withOrigin("examples", () -> b.input(X, dtype, batchOf(batch)));
        // y right after x, as the lesson's models declare them; a regression target is as wide as the output
        Value y = !withLoss ? null : b.withOrigin("targets", () -> task == Task.CLASSIFICATION
                ? b.input(Y, DType.I32, batch) : b.input(Y, dtype, batch, outputWidth()));
        Value in = x;
        if (standardized) {
            in = b.withOrigin("input standardization", () -> {
                Value mean = b.state(MEAN, new Initializer.Zeros(), dtype, inputShape.dims());
                Value std = b.state(STD, new Initializer.Fill(1), dtype, inputShape.dims());
                return x.sub(mean).div(std);
            });
        }
        Value standardizedIn = in;
        // a lambda's nodes point at its own lines; a module's at its place in the network of this model
        Value out = network instanceof Module ? b.withOrigin(name, () -> network.apply(standardizedIn))
                : network.apply(in);
        if (out.shape().rank() != 2 || out.shape().dim(0) != batch) {
            throw new IllegalArgumentException("model " + name + ": the network must output [batch, k], got "
                    + out.shape() + " for a batch of " + batch);
        }
        b.output(OUTPUT, out);
        if (withLoss) {
            b.output(LOSS, task == Task.CLASSIFICATION ? b.withOrigin("loss (cross-entropy)", () -> out.crossEntropy(y))
                    : b.withOrigin("loss (mean squared error)", () -> out.mseLoss(y)));
        } else if (task == Task.CLASSIFICATION) {
            b.output(PROBABILITIES, b.withOrigin("probabilities", () -> out.softmax(1)));
        }
        return b.build();
    }

    /** The network's output width (classes, or target values), from a graph of one example. */
    public int outputWidth() {
        GraphBuilder probe = new GraphBuilder(name);
        Value out = network.apply(probe.input(X, dtype, batchOf(1)));
        if (out.shape().rank() != 2) {
            throw new IllegalArgumentException("model " + name + ": the network must output [batch, k], got "
                    + out.shape());
        }
        return out.shape().dim(1);
    }

    /** {@code [batch, ...inputShape]}. */
    int[] batchOf(int batch) {
        int[] dims = new int[inputShape.rank() + 1];
        dims[0] = batch;
        System.arraycopy(inputShape.dims(), 0, dims, 1, inputShape.rank());
        return dims;
    }
}
