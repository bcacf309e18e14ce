package io.chainrule.pytorchbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PyTorch's batches are chainrule's: the same examples in the same order, epoch by epoch. */
class TorchBatchesTest {
    @Test
    void everyBatchHoldsTheExamplesChainrulesLoaderFills() {
        int n = 35;
        float[][] features = new float[n][3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features[i] = new float[] {i, 100 + i, -i};
            labels[i] = i % 10;
        }
        Dataset data = Dataset.classification(features, labels);
        DataLoader loader = DataLoader.shuffled(data, 10, DataLoader.LastBatch.DROP, 7);
        Tensor x = loader.newFeatures(0);
        Tensor y = loader.newTargets(0);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
             TorchBatches batches = new TorchBatches(manager, data, 10, 7)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int b = 0; b < batches.batches(); b++) {
                    loader.fill(epoch, b, x, y);
                    NDArray[] batch = batches.batch(manager, epoch, b);
                    assertArrayEquals(x.floats(), batch[0].toFloatArray(), "epoch " + epoch + ", batch " + b);
                    assertArrayEquals(Arrays.stream(y.ints()).asLongStream().toArray(), batch[1].toLongArray());
                }
            }
        }
    }
}
