package io.chainrule.examples.spark;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.TargetKind;
import java.io.Serializable;

/**
 * One replica's examples, as arrays that travel: shard {@code k} of {@code K} holds the training set's examples
 * k, k + K, k + 2K, ..., the same count in every shard (the last {@code size % K} examples go to none), so every
 * replica takes the same number of steps. One shard of one is the whole training set, in its order.
 *
 * @param features every example's features, row after row
 * @param shape    {@code [examples, ...one example's shape]}
 * @param labels   class labels, or null
 * @param values   real-valued targets {@code [examples, targetWidth]}, or null
 */
record Shard(float[] features, int[] shape, int[] labels, float[] values, int targetWidth) implements Serializable {

    /** The examples each of {@code workers} shards of {@code examples} holds. */
    static int size(int examples, int workers) {
        return examples / workers;
    }

    /** Shard {@code k} of {@code workers} of {@code train}. */
    static Shard of(Dataset train, int workers, int k) {
        int[] rows = new int[size(train.size(), workers)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = k + i * workers;
        }
        Dataset view = train.select(rows);
        Tensor x = view.featureTensor();
        Tensor y = view.targetTensor();
        boolean labelled = view.targetKind() == TargetKind.LABELS;
        return new Shard(x.floats(), x.shape().dims(), labelled ? y.ints() : null, labelled ? null : y.floats(),
                labelled ? 1 : y.shape().dim(1));
    }

    /** The examples as a dataset (copies of the arrays). */
    Dataset dataset() {
        Tensor x = Tensor.of(features, shape);
        return labels != null ? Dataset.classification(x, Tensor.of(labels, shape[0]))
                : Dataset.regression(x, Tensor.of(values, shape[0], targetWidth));
    }
}
