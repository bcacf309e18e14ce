package io.chainrule.pytorchbench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;

/**
 * PyTorch's batches in the order chainrule's fit takes them, gathered as PyTorch users gather them: the training set
 * is one libtorch tensor, and each batch is an {@code index_select} of its rows. The order comes from a
 * {@link DataLoader} over a dataset of the examples' own indices, shuffled with fit's seed: a loader's order depends
 * only on the dataset's size, the seed and the epoch.
 */
final class TorchBatches implements AutoCloseable {
    private final NDArray images;
    private final NDArray labels;
    private final DataLoader order;
    private final Tensor indices;
    private final Tensor unused;
    private final long[] rows;

    TorchBatches(NDManager manager, Dataset train, int batchSize, long seed) {
        int n = train.size();
        this.images = manager.create(train.featureTensor().floats(), new Shape(n, train.featureCount()));
        int[] y = train.targetTensor().ints();
        long[] wide = new long[n];
        for (int i = 0; i < n; i++) {
            wide[i] = y[i];
        }
        this.labels = manager.create(wide);
        float[][] index = new float[n][1];
        for (int i = 0; i < n; i++) {
            index[i][0] = i;
        }
        this.order = DataLoader.shuffled(Dataset.classification(index, new int[n]), batchSize,
                DataLoader.LastBatch.DROP, seed);
        this.indices = order.newFeatures(0);
        this.unused = order.newTargets(0);
        this.rows = new long[batchSize];
    }

    int batches() {
        return order.batches();
    }

    /** Batch {@code batch} of epoch {@code epoch}: images and labels, owned by {@code manager}. */
    NDArray[] batch(NDManager manager, int epoch, int batch) {
        order.fill(epoch, batch, indices, unused);
        float[] at = indices.floats();
        for (int r = 0; r < rows.length; r++) {
            rows[r] = (long) at[r];
        }
        NDArray which = manager.create(rows);
        return new NDArray[] {images.get(which), labels.get(which)};
    }

    @Override
    public void close() {
        images.close();
        labels.close();
    }
}
