package io.chainrule.runtime.data;

import io.chainrule.ir.DType;
import io.chainrule.ir.Shape;
import io.chainrule.runtime.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Examples in memory: features (f32, {@link #exampleShape} per example, e.g. {@code [1, 28, 28]} for an MNIST image
 * or {@code [4]} for iris) and targets, either class labels ({@link TargetKind#LABELS}, i32, 0 or more:
 * classification) or real values ({@link TargetKind#VALUES}, {@link #targetWidth} f32 per example: regression).
 *
 * <p>A dataset is a view: a list of rows of a storage that all views made from it share. {@link #rows},
 * {@link #select}, {@link #holdOutLast}, {@link #split} and {@link #shuffled} make new views and never copy the
 * examples, nor does {@link #normalized}: MNIST's images are held as bytes, a quarter of f32's memory, and
 * normalizing only changes what they stand for. The factories copy the arrays they are given, so a
 * dataset never changes; views keep their source's class names and description.
 *
 * <pre>{@code
 * Dataset data = Dataset.classification(features, labels).withClassNames(List.of("setosa", "versicolor", "virginica"));
 * Dataset.Split split = data.split(0.2, 42);   // shuffled with the seed, then the last fifth held out: views
 * }</pre>
 */
public final class Dataset {
    /** What every view of one dataset shares; {@code classes} is the largest label + 1 of all rows. */
    private record Storage(Features features, Shape exampleShape, int featureCount, TargetKind kind, int[] labels,
                           float[] values, int targetWidth, int classes) {
    }

    /**
     * A training set and the examples held out of it for validation: two views of one storage.
     *
     * @param train      the examples to train on
     * @param validation the examples held out
     */
    public record Split(Dataset train, Dataset validation) {
    }

    private final Storage storage;
    // The storage row of each example; null for the rows first, first + 1, ..., first + size - 1.
    private final int[] index;
    private final int first;
    private final int size;
    private final List<String> classNames;
    // Null: described by its size and shapes.
    private final String description;

    private Dataset(Storage storage, int[] index, int first, int size, List<String> classNames, String description) {
        this.storage = storage;
        this.index = index;
        this.first = first;
        this.size = size;
        this.classNames = classNames;
        this.description = description;
    }

    /** Examples {@code features[i]} (all of one length) labelled {@code labels[i]} (0 or more); both copied. */
    public static Dataset classification(float[][] features, int[] labels) {
        requireCount(features.length, labels.length, "labels");
        int width = rowLength(features, "features");
        return labelled(new FloatFeatures(flatten(features, width), width), Shape.of(width), labels.clone());
    }

    /** Features f32 {@code [n, ...]} and labels i32 {@code [n]} (0 or more), both copied. */
    public static Dataset classification(Tensor features, Tensor labels) {
        Shape example = exampleShape(features);
        if (labels.dtype() != DType.I32 || labels.shape().rank() != 1) {
            throw new IllegalArgumentException("labels must be i32 [n], got " + labels.type());
        }
        requireCount(features.shape().dim(0), labels.size(), "labels");
        return labelled(new FloatFeatures(features.floats().clone(), example.size()), example, labels.ints().clone());
    }

    /** Examples {@code features[i]} (all of one length) with one target value {@code targets[i]}; both copied. */
    public static Dataset regression(float[][] features, float[] targets) {
        requireCount(features.length, targets.length, "targets");
        int width = rowLength(features, "features");
        return valued(new FloatFeatures(flatten(features, width), width), Shape.of(width), targets.clone(), 1);
    }

    /** Examples {@code features[i]} with target values {@code targets[i]}, each array of all of one length; copied. */
    public static Dataset regression(float[][] features, float[][] targets) {
        requireCount(features.length, targets.length, "targets");
        int width = rowLength(features, "features");
        int targetWidth = rowLength(targets, "targets");
        return valued(new FloatFeatures(flatten(features, width), width), Shape.of(width),
                flatten(targets, targetWidth), targetWidth);
    }

    /** Features f32 {@code [n, ...]} and targets f32 {@code [n]} (one per example) or {@code [n, k]}; copied. */
    public static Dataset regression(Tensor features, Tensor targets) {
        Shape example = exampleShape(features);
        int rank = targets.shape().rank();
        if (targets.dtype() != DType.F32 || rank < 1 || rank > 2 || rank == 2 && targets.shape().dim(1) == 0) {
            throw new IllegalArgumentException("targets must be f32 [n] or [n, k] with k at least 1, got "
                    + targets.type());
        }
        requireCount(features.shape().dim(0), targets.shape().dim(0), "targets");
        return valued(new FloatFeatures(features.floats().clone(), example.size()), example, targets.floats().clone(),
                rank == 2 ? targets.shape().dim(1) : 1);
    }

    /**
     * Images held as bytes, byte {@code b} standing for {@code b / divisor}, of at least {@code classes} classes
     * whatever labels they have; {@code labels} is kept, not copied.
     */
    static Dataset ofBytes(ByteRows images, float divisor, Shape exampleShape, int[] labels, int classes) {
        return labelled(new ByteFeatures(images, divisor), exampleShape, labels, classes);
    }

    private static Dataset labelled(Features features, Shape example, int[] labels) {
        return labelled(features, example, labels, 0);
    }

    private static Dataset labelled(Features features, Shape example, int[] labels, int classes) {
        int max = classes - 1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + ": class labels must "
                        + "be 0 or more");
            }
            max = Math.max(max, labels[i]);
        }
        Storage storage = new Storage(features, example, example.size(), TargetKind.LABELS, labels, null, 1,
                max + 1);
        return new Dataset(storage, null, 0, labels.length, List.of(), null);
    }

    private static Dataset valued(Features features, Shape example, float[] values, int targetWidth) {
        Storage storage = new Storage(features, example, example.size(), TargetKind.VALUES, null, values,
                targetWidth, 0);
        return new Dataset(storage, null, 0, values.length / targetWidth, List.of(), null);
    }

    private static Shape exampleShape(Tensor features) {
        if (features.dtype() != DType.F32 || features.shape().rank() < 2) {
            throw new IllegalArgumentException("features must be f32 [n, ...], got " + features.type());
        }
        int[] dims = features.shape().dims();
        Shape example = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
        if (example.size() == 0) {
            throw new IllegalArgumentException("features must have at least one value per example, got "
                    + features.type());
        }
        return example;
    }

    private static void requireCount(int examples, int targets, String what) {
        if (examples != targets) {
            throw new IllegalArgumentException(examples + " feature rows but " + targets + " " + what);
        }
    }

    /** The length of every row of {@code rows}, which must be the same and at least 1. */
    private static int rowLength(float[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no examples: an empty array of " + what + " has no row length (pass "
                    + "tensors shaped [0, ...] for an empty dataset)");
        }
        int width = rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException(what + " must have at least one value per example, row 0 has none");
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(what + " row " + i + " has " + rows[i].length + " values, row 0 "
                        + "has " + width);
            }
        }
        return width;
    }

    private static float[] flatten(float[][] rows, int width) {
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /** A view of these examples named {@code names} in label order; there must be a name for every class. */
    public Dataset withClassNames(List<String> names) {
        requireLabels("class names");
        List<String> copy = List.copyOf(names);
        if (copy.size() < storage.classes()) {
            throw new IllegalArgumentException(copy.size() + " class names for " + storage.classes() + " classes "
                    + "(labels 0 to " + (storage.classes() - 1) + ")");
        }
        return new Dataset(storage, index, first, size, copy, description);
    }

    /** A view of these examples described as {@code description}, e.g. "iris.csv (150 rows)". */
    public Dataset describedAs(String description) {
        return new Dataset(storage, index, first, size, classNames, Objects.requireNonNull(description));
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** One example's feature shape, e.g. {@code [1, 28, 28]} for MNIST, {@code [4]} for iris. */
    public Shape exampleShape() {
        return storage.exampleShape();
    }

    /** Values in one example's features: the product of {@link #exampleShape}. */
    public int featureCount() {
        return storage.featureCount();
    }

    /** Class labels or real values. */
    public TargetKind targetKind() {
        return storage.kind();
    }

    /**
     * Classes of a classification dataset: the largest label + 1 over all the examples this view shares its storage
     * with (so that a split's parts agree), or the number of class names if larger.
     */
    public int classes() {
        requireLabels("classes");
        return Math.max(storage.classes(), classNames.size());
    }

    /** Target values per example: {@code k} for regression, 1 (the label) for classification. */
    public int targetWidth() {
        return storage.targetWidth();
    }

    /** The class names in label order; empty when unnamed. */
    public List<String> classNames() {
        return classNames;
    }

    /** What these examples are, as given to {@link #describedAs}, else their size and shapes. */
    public String description() {
        if (description != null) {
            return description;
        }
        String targets = storage.kind() == TargetKind.LABELS ? "labels of " + classes() + " classes"
                : targetWidth() + " target value" + (targetWidth() == 1 ? "" : "s") + " each";
        return size + (size == 1 ? " example" : " examples") + ", features " + exampleShape() + ", " + targets;
    }

    /** A view of examples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset rows(int from, int to) {
        if (from < 0 || from > to || to > size) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") are outside the " + size
                    + " examples");
        }
        int[] rows = index == null ? null : Arrays.copyOfRange(index, from, to);
        return new Dataset(storage, rows, first + from, to - from, classNames, description);
    }

    /** A view of the examples at {@code indices}, in that order (an index may repeat). */
    public Dataset select(int... indices) {
        int[] rows = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = storageRow(indices[i]);
        }
        return new Dataset(storage, rows, 0, rows.length, classNames, description);
    }

    /** Views: the last {@code count} examples for validation, the others for training, order kept. */
    public Split holdOutLast(int count) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("cannot hold out " + count + " of " + size + " examples");
        }
        Dataset train = rows(0, size - count);
        Dataset validation = rows(size - count, size);
        if (description == null) {
            return new Split(train, validation);
        }
        // a saved model's record names the examples it trained on, not the whole file
        return new Split(train.describedAs(description + ", " + train.size + " for training"),
                validation.describedAs(description + ", " + validation.size + " for validation"));
    }

    /**
     * Views: the examples {@link #shuffled} with {@code seed}, then the last {@code ceil(validationFraction * size)}
     * held out for validation, as scikit-learn's {@code train_test_split} counts them (0.2 of 150 is 30).
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("the validation fraction must be from 0 to 1, got "
                    + validationFraction);
        }
        // Less than the fraction's binary rounding is no reason for one more example (0.7 * 10 is not above 7).
        int count = (int) Math.ceil(validationFraction * size - 1e-12 * size);
        return shuffled(seed).holdOutLast(Math.max(0, count));
    }

    /** A view of these examples in an order drawn from {@code seed}, the same for the same seed and size. */
    public Dataset shuffled(long seed) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        Permutation.shuffle(rows, new SplittableRandom(seed));
        for (int i = 0; i < size; i++) {
            rows[i] = storageRow(rows[i]);
        }
        return new Dataset(storage, rows, 0, size, classNames, description);
    }

    /**
     * These examples with every feature {@code (x - mean) / std}, in f32 as torchvision's {@code transforms.Normalize}
     * computes it, as each example is read: nothing is copied.
     */
    public Dataset normalized(float mean, float std) {
        if (!(std > 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, got " + std);
        }
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        Storage s = storage;
        Storage normalized = new Storage(s.features().normalized(mean, std), s.exampleShape(), s.featureCount(),
                s.kind(), s.labels(), s.values(), s.targetWidth(), s.classes());
        return new Dataset(normalized, index, first, size, classNames, description);
    }

    /** Copies example {@code example}'s {@link #featureCount} values into {@code into} from {@code offset}. */
    public void copyFeatures(int example, float[] into, int offset) {
        int row = storageRow(example);
        Objects.checkFromIndexSize(offset, storage.featureCount(), into.length);
        storage.features().copyRow(row, into, offset);
    }

    /** Starts reading example {@code example}'s features from memory (see {@link Features#touchRow}). */
    int touchFeatures(int example) {
        return storage.features().touchRow(storageRow(example));
    }

    /** A copy of example {@code example}'s features, row-major in {@link #exampleShape}. */
    public float[] features(int example) {
        float[] values = new float[storage.featureCount()];
        copyFeatures(example, values, 0);
        return values;
    }

    /** Example {@code example}'s class label. */
    public int label(int example) {
        requireLabels("class labels");
        return storage.labels()[storageRow(example)];
    }

    /** Copies example {@code example}'s {@link #targetWidth} target values into {@code into} from {@code offset}. */
    public void copyTargets(int example, float[] into, int offset) {
        if (storage.kind() != TargetKind.VALUES) {
            throw new IllegalStateException("a classification dataset's targets are class labels: use label(i)");
        }
        int width = storage.targetWidth();
        int row = storageRow(example);
        Objects.checkFromIndexSize(offset, width, into.length);
        System.arraycopy(storage.values(), row * width, into, offset, width);
    }

    /** Every example's features as a new f32 tensor {@code [size, ...exampleShape]}. */
    public Tensor featureTensor() {
        int width = storage.featureCount();
        float[] values = new float[Math.multiplyExact(size, width)];
        for (int i = 0; i < size; i++) {
            storage.features().copyRow(storageRow(i), values, i * width);
        }
        int[] example = exampleShape().dims();
        int[] dims = new int[example.length + 1];
        dims[0] = size;
        System.arraycopy(example, 0, dims, 1, example.length);
        return Tensor.of(values, dims);
    }

    /** Every example's targets as a new tensor: labels i32 {@code [size]}, values f32 {@code [size, k]}. */
    public Tensor targetTensor() {
        if (storage.kind() == TargetKind.LABELS) {
            int[] labels = new int[size];
            for (int i = 0; i < size; i++) {
                labels[i] = storage.labels()[storageRow(i)];
            }
            return Tensor.of(labels, size);
        }
        int width = storage.targetWidth();
        float[] values = new float[Math.multiplyExact(size, width)];
        for (int i = 0; i < size; i++) {
            System.arraycopy(storage.values(), storageRow(i) * width, values, i * width, width);
        }
        return Tensor.of(values, size, width);
    }

    private int storageRow(int example) {
        if (example < 0 || example >= size) {
            throw new IndexOutOfBoundsException("example " + example + " of " + size);
        }
        return index == null ? first + example : index[example];
    }

    private void requireLabels(String what) {
        if (storage.kind() != TargetKind.LABELS) {
            throw new IllegalStateException("a regression dataset has no " + what + ": its targets are real values");
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + description() + "]";
    }
}
