package io.chainrule.examples;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;

/**
 * A built-in model: the name the command line knows it by, a one-line description, and how to build its graph.
 *
 * @param defaultBatchSize the batch size the lesson trains it with
 */
public record ModelSpec(String name, String description, int defaultBatchSize, Factory factory) {

    /** Builds the graph of a model for one batch size and floating dtype. */
    @FunctionalInterface
    public interface Factory {
        Graph build(int batchSize, DType dtype);
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

    /** The number of trainable scalars, which does not depend on the batch size. */
    public long parameterCount() {
        return build().parameters().stream().mapToLong(p -> p.shape().size()).sum();
    }
}
