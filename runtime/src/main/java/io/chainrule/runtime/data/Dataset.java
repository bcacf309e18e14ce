package io.chainrule.runtime.data;

import io.chainrule.ir.DType;
import io.chainrule.runtime.Tensor;
import java.util.Objects;

/**
 * Examples in memory: {@code features} f32 {@code [n, ...]} (e.g. {@code [n, 1, 28, 28]} for images, {@code [n, d]}
 * for tabular data) and {@code labels} i32 {@code [n]}, example {@code i} being row {@code i} of both.
 */
public record Dataset(Tensor features, Tensor labels) {

    /** A training set and the examples held out of it for validation. */
    public record Split(Dataset train, Dataset validation) {
    }

    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.dtype() != DType.F32 || features.shape().rank() < 2) {
            throw new IllegalArgumentException("features must be f32 [n, ...], got " + features.type());
        }
        if (labels.dtype() != DType.I32 || labels.shape().rank() != 1) {
            throw new IllegalArgumentException("labels must be i32 [n], got " + labels.type());
        }
        if (features.shape().dim(0) != labels.size()) {
            throw new IllegalArgumentException(features.shape().dim(0) + " feature rows but " + labels.size()
                    + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.size();
    }

    /** Elements in one example's features, e.g. 784 for a 1x28x28 image. */
    int rowSize() {
        int n = 1;
        for (int axis = 1; axis < features.shape().rank(); axis++) {
            n *= features.shape().dim(axis);
        }
        return n;
    }

    /** A copy of examples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        if (from < 0 || from > to || to > size()) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside the " + size()
                    + " examples");
        }
        int row = rowSize();
        float[] x = new float[(to - from) * row];
        System.arraycopy(features.floats(), from * row, x, 0, x.length);
        int[] y = new int[to - from];
        System.arraycopy(labels.ints(), from, y, 0, y.length);
        int[] dims = features.shape().dims();
        dims[0] = to - from;
        return new Dataset(Tensor.of(x, dims), Tensor.of(y, to - from));
    }

    /** The last {@code count} examples for validation and the others for training, both copies, order kept. */
    public Split holdOutLast(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("cannot hold out " + count + " of " + size() + " examples");
        }
        return new Split(slice(0, size() - count), slice(size() - count, size()));
    }

    /**
     * A copy with every feature {@code (x - mean) / std}, in f32 as torchvision's {@code transforms.Normalize} computes
     * it; the labels are shared.
     */
    public Dataset normalized(float mean, float std) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("std must be positive, got " + std);
        }
        float[] in = features.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (in[i] - mean) / std;
        }
        return new Dataset(Tensor.of(out, features.shape().dims()), labels);
    }
}
