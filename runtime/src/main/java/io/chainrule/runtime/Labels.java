package io.chainrule.runtime;

import io.chainrule.ir.TensorType;

/** Ops indexed by i32 class labels; a label outside [0, classes) is an error naming it and its row. */
final class Labels {
    private Labels() {
    }

    /** {@code labels[row]}, checked to be a class index. */
    static int label(int[] labels, int row, int classes) {
        int y = labels[row];
        if (y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + y + " in row " + row + " is out of range [0, " + classes
                    + ")");
        }
        return y;
    }

    /** Row i of the result is 1 at column labels[i], else 0; rows follow the labels in row-major order. */
    static Tensor oneHot(Tensor labels, int classes, TensorType type) {
        Tensor out = Tensor.zeros(type);
        int[] y = labels.ints();
        for (int i = 0; i < y.length; i++) {
            out.setDouble(i * classes + label(y, i, classes), 1);
        }
        return out;
    }

    /** out[i] = x[i, labels[i]]. */
    static Tensor gather(Tensor x, Tensor labels, TensorType type) {
        Tensor out = Tensor.zeros(type);
        int classes = x.shape().dim(1);
        int[] y = labels.ints();
        for (int i = 0; i < y.length; i++) {
            out.setDouble(i, x.getDouble(i * classes + label(y, i, classes)));
        }
        return out;
    }
}
