package io.chainrule.examples;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.model.Architecture;
import java.util.Optional;

/**
 * A built-in model: the name the command line knows it by, a one-line description, and how to build its graph.
 * Models trained by gradient descent have an {@link Architecture} (network, input, task), from which their graphs
 * and a {@link io.chainrule.runtime.model.Model} are made; the perceptron, which learns by its own rule, has only its
 * graph.
 *
 * @param name             the name the command line knows it by, such as {@code mnist-mlp}
 * @param description      what it is, in one line
 * @param defaultBatchSize the batch size the lesson trains it with
 * @param architecture     null for a model that is not trained by gradients
 * @param factory          how to build its graph
 */
public record ModelSpec(String name, String description, int defaultBatchSize, Architecture architecture,
                        Factory factory) {

    /** Builds the graph of a model for one batch size and floating dtype. */
    @FunctionalInterface
    public interface Factory {
        Graph build(int batchSize, DType dtype);
    }

    /** A model trained by gradients: its graph is its architecture's forward graph with the loss. */
    static ModelSpec trainable(String name, String description, int defaultBatchSize, Architecture a) {
        return new ModelSpec(name, description, defaultBatchSize, a, (batch, dtype) -> new Architecture(a.name(),
                a.network(), a.inputShape(), a.task(), a.standardized(), dtype).forward(batch, true));
    }

    /** The graph at the default batch size, in f32. */
    public Graph build() {
        return build(defaultBatchSize, DType.F32);
    }

    /** The graph for {@code batchSize} examples; f32 to train, f64 to check gradients. */
    public Graph build(int batchSize, DType dtype) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("model " + name + " needs a floating dtype, got " + dtype);
        }
        return factory.build(batchSize, dtype);
    }

    /** The network, input and task when the model trains by gradients. */
    public Optional<Architecture> trainable() {
        return Optional.ofNullable(architecture);
    }

    /** The number of trainable scalars, which does not depend on the batch size. */
    public long parameterCount() {
        return build().parameters().stream().mapToLong(p -> p.shape().size()).sum();
    }
}
