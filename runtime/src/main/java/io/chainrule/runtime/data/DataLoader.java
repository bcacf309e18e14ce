package io.chainrule.runtime.data;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.util.SplittableRandom;

/**
 * Mini-batches over a {@link Dataset}, as PyTorch's {@code DataLoader}, filled in place: {@link #fill} copies a
 * batch's examples into tensors the caller allocated once (with {@link #newFeatures} and {@link #newTargets}) and
 * bound once into a compiled step: features f32 {@code [B, ...exampleShape]}, and targets i32 {@code [B]} (class
 * labels) or f32 {@code [B, k]} (real values).
 *
 * <p>Order: in dataset order, or shuffled with a new permutation every epoch, a Fisher-Yates shuffle drawn from a
 * {@link SplittableRandom} seeded from (seed, epoch), over the dataset's examples (a view's, whatever rows of its
 * storage they are). The same seed and epoch always give the same order, so a resumed run replays the epochs it would
 * have seen. Only the first fill of an epoch allocates (its generator).
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
    private final int featureCount;
    private final int targetWidth;
    private final boolean classification;
    private final int batches;
    private final int lastRows;
    private final int[] order;
    private final TensorType fullFeatures;
    private final TensorType fullTargets;
    private final TensorType lastFeatures;
    private final TensorType lastTargets;
    private int orderEpoch = UNSHUFFLED;
    /** What the batch's first reads returned, kept so that the JIT does not drop the reads. */
    private int touched;

    private DataLoader(Dataset data, int batchSize, LastBatch last, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.featureCount = data.featureCount();
        this.targetWidth = data.targetWidth();
        this.classification = data.targetKind() == TargetKind.LABELS;
        int full = data.size() / batchSize;
        int rest = data.size() % batchSize;
        boolean keepRest = last == LastBatch.SMALLER && rest > 0;
        this.batches = keepRest ? full + 1 : full;
        this.lastRows = keepRest ? rest : batchSize;
        this.fullFeatures = featureType(batchSize);
        this.fullTargets = targetType(batchSize);
        this.lastFeatures = featureType(lastRows);
        this.lastTargets = targetType(lastRows);
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

    /** A zero targets tensor shaped for batch {@code batch}: i32 {@code [rows]} or f32 {@code [rows, k]}. */
    public Tensor newTargets(int batch) {
        return Tensor.zeros(isLast(batch) ? lastTargets : fullTargets);
    }

    /**
     * Copies batch {@code batch} of epoch {@code epoch} into {@code x} and {@code y}, which must have exactly the
     * types of {@link #newFeatures} and {@link #newTargets}; allocation-free but for a shuffled epoch's first fill.
     */
    public void fill(int epoch, int batch, Tensor x, Tensor y) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        boolean last = isLast(batch);
        int rows = last ? lastRows : batchSize;
        check(x, last ? lastFeatures : fullFeatures, "features", batch);
        check(y, last ? lastTargets : fullTargets, "targets", batch);
        if (shuffle && orderEpoch != epoch) {
            shuffle(epoch);
        }
        float[] xs = x.floats();
        int start = batch * batchSize;
        // Shuffled rows are spread over the whole dataset: copied one after another, each waits for memory. Reading
        // a value per cache line of every row first keeps many reads in flight at once.
        int sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += data.touchFeatures(order[start + r]);
        }
        touched = sum;
        for (int r = 0; r < rows; r++) {
            data.copyFeatures(order[start + r], xs, r * featureCount);
        }
        if (classification) {
            int[] ys = y.ints();
            for (int r = 0; r < rows; r++) {
                ys[r] = data.label(order[start + r]);
            }
        } else {
            float[] ys = y.floats();
            for (int r = 0; r < rows; r++) {
                data.copyTargets(order[start + r], ys, r * targetWidth);
            }
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
        int[] example = data.exampleShape().dims();
        int[] dims = new int[example.length + 1];
        dims[0] = rows;
        System.arraycopy(example, 0, dims, 1, example.length);
        return TensorType.of(DType.F32, dims);
    }

    private TensorType targetType(int rows) {
        return classification ? TensorType.of(DType.I32, rows) : TensorType.of(DType.F32, rows, targetWidth);
    }

    /** Fisher-Yates from the identity, so an epoch's order depends on (seed, epoch) alone. */
    private void shuffle(int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Seeding with seed + epoch alone would make (seed 1, epoch 0) replay (seed 0, epoch 1); hashing the seed
        // first keeps runs with nearby seeds apart.
        Permutation.shuffle(order, new SplittableRandom(new SplittableRandom(seed).nextLong() + epoch));
        orderEpoch = epoch;
    }
}
