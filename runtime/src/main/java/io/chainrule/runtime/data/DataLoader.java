package io.chainrule.runtime.data;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.util.SplittableRandom;

/**
 * Mini-batches over a {@link Dataset}, as PyTorch's {@code DataLoader}, filled in place: {@link #fill} copies a
 * batch's rows into tensors the caller allocated once (with {@link #newFeatures} and {@link #newLabels}) and bound
 * once into a compiled step.
 *
 * <p>Order: in dataset order, or shuffled with a new permutation every epoch, a Fisher-Yates shuffle drawn from a
 * {@link SplittableRandom} seeded from (seed, epoch). The same seed and epoch always give the same order, so a
 * resumed run replays the epochs it would have seen. Only the first fill of an epoch allocates (its generator).
 *
 * <p>Last batch: when the batch size does not divide the dataset, {@link LastBatch#DROP} leaves out the remainder
 * (different examples each shuffled epoch), so every batch has one shape and the training loop compiles one step;
 * {@link LastBatch#SMALLER} keeps a smaller last batch, a second shape, for evaluation that must see every example.
 *
 * <p>Not thread-safe: it keeps the current epoch's order.
 */
public final class DataLoader {

    /** What to do with the examples left over when the batch size does not divide the dataset. */
    public enum LastBatch {
        /** Leave them out: every batch is full. */
        DROP,
        /** Keep them as a smaller last batch. */
        SMALLER
    }

    private static final int UNSHUFFLED = -1;

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int rowSize;
    private final int batches;
    private final int lastRows;
    private final int[] order;
    private final TensorType fullFeatures;
    private final TensorType fullLabels;
    private final TensorType lastFeatures;
    private final TensorType lastLabels;
    private int orderEpoch = UNSHUFFLED;

    private DataLoader(Dataset data, int batchSize, LastBatch last, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.rowSize = data.rowSize();
        int full = data.size() / batchSize;
        int rest = data.size() % batchSize;
        boolean keepRest = last == LastBatch.SMALLER && rest > 0;
        this.batches = keepRest ? full + 1 : full;
        this.lastRows = keepRest ? rest : batchSize;
        this.fullFeatures = featureType(batchSize);
        this.fullLabels = TensorType.of(DType.I32, batchSize);
        this.lastFeatures = featureType(lastRows);
        this.lastLabels = TensorType.of(DType.I32, lastRows);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Batches in a new shuffled order every epoch, reproducible from {@code seed}. */
    public static DataLoader shuffled(Dataset data, int batchSize, LastBatch last, long seed) {
        return new DataLoader(data, batchSize, last, true, seed);
    }

    /** Batches in dataset order, every epoch the same: for evaluation. */
    public static DataLoader inOrder(Dataset data, int batchSize, LastBatch last) {
        return new DataLoader(data, batchSize, last, false, 0);
    }

    /** Batches per epoch. */
    public int batches() {
        return batches;
    }

    /** Examples in batch {@code batch}: the batch size, except for a smaller last batch. */
    public int rows(int batch) {
        return isLast(batch) ? lastRows : batchSize;
    }

    /** A zero features tensor shaped for batch {@code batch}: {@code [rows, ...]}. */
    public Tensor newFeatures(int batch) {
        return Tensor.zeros(isLast(batch) ? lastFeatures : fullFeatures);
    }

    /** A zero labels tensor shaped for batch {@code batch}: i32 {@code [rows]}. */
    public Tensor newLabels(int batch) {
        return Tensor.zeros(isLast(batch) ? lastLabels : fullLabels);
    }

    /**
     * Copies batch {@code batch} of epoch {@code epoch} into {@code x} and {@code y}, which must have exactly the
     * types of {@link #newFeatures} and {@link #newLabels}; allocation-free but for a shuffled epoch's first fill.
     */
    public void fill(int epoch, int batch, Tensor x, Tensor y) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        boolean last = isLast(batch);
        int rows = last ? lastRows : batchSize;
        check(x, last ? lastFeatures : fullFeatures, "features", batch);
        check(y, last ? lastLabels : fullLabels, "labels", batch);
        if (shuffle && orderEpoch != epoch) {
            shuffle(epoch);
        }
        float[] features = data.features().floats();
        int[] labels = data.labels().ints();
        float[] xs = x.floats();
        int[] ys = y.ints();
        int start = batch * batchSize;
        for (int r = 0; r < rows; r++) {
            int example = order[start + r];
            System.arraycopy(features, example * rowSize, xs, r * rowSize, rowSize);
            ys[r] = labels[example];
        }
    }

    private boolean isLast(int batch) {
        if (batch < 0 || batch >= batches) {
            throw new IndexOutOfBoundsException("batch " + batch + " of " + batches);
        }
        return batch == batches - 1;
    }

    private void check(Tensor t, TensorType expected, String what, int batch) {
        if (!t.type().equals(expected)) {
            throw new IllegalArgumentException("batch " + batch + " of " + batches + ": " + what + " must be "
                    + expected + ", got " + t.type());
        }
    }

    private TensorType featureType(int rows) {
        int[] dims = data.features().shape().dims();
        dims[0] = rows;
        return TensorType.of(DType.F32, dims);
    }

    /** Fisher-Yates from the identity, so an epoch's order depends on (seed, epoch) alone. */
    private void shuffle(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Seeding with seed + epoch alone would make (seed 1, epoch 0) replay (seed 0, epoch 1); hashing the seed
        // first keeps runs with nearby seeds apart.
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed).nextLong() + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        orderEpoch = epoch;
    }
}
