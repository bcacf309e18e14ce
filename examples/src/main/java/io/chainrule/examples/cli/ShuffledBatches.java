package io.chainrule.examples.cli;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;

/**
 * Real batches for {@code bench --data}, fed as {@code train} feeds them: a shuffled {@link DataLoader} (a new order
 * every epoch, the last partial batch dropped) refilling the step's two bound input tensors in place before every
 * step, epoch after epoch.
 */
final class ShuffledBatches {
    private final DataLoader loader;
    private final Tensor x;
    private final Tensor y;
    private int epoch;
    private int batch;

    /** Batches of {@code batchSize} examples of {@code data} into {@code x} and {@code y}, ordered from the seed. */
    ShuffledBatches(Dataset data, int batchSize, long seed, Tensor x, Tensor y) {
        this.loader = DataLoader.shuffled(data, batchSize, DataLoader.LastBatch.DROP, seed);
        this.x = x;
        this.y = y;
    }

    /** Fills the next batch, going on to the next epoch's order after the last. */
    void next() {
        loader.fill(epoch, batch, x, y);
        if (++batch == loader.batches()) {
            batch = 0;
            epoch++;
        }
    }
}
