package io.chainrule.runtime.kernels;

import java.util.Arrays;

/** Ops indexed by i32 class labels; a label outside [0, classes) is an error naming it and its row. */
public final class Labels {
    private Labels() {
    }

    /** Row i of {@code out} [count, classes] is 1 at column labels[i], else 0. */
    public static void oneHot(int[] labels, float[] out, int count, int classes) {
        // The buffer is reused from step to step, so last step's ones must go.
        Arrays.fill(out, 0, count * classes, 0f);
        for (int i = 0; i < count; i++) {
            out[i * classes + label(labels, i, classes)] = 1;
        }
    }

    /** As the f32 one-hot. */
    public static void oneHot(int[] labels, double[] out, int count, int classes) {
        Arrays.fill(out, 0, count * classes, 0);
        for (int i = 0; i < count; i++) {
            out[i * classes + label(labels, i, classes)] = 1;
        }
    }

    /** {@code out[i] = x[i, labels[i]]} for x [rows, cols]. */
    public static void gather(float[] x, int[] labels, float[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            out[i] = x[i * cols + label(labels, i, cols)];
        }
    }

    /** As the f32 gather. */
    public static void gather(double[] x, int[] labels, double[] out, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            out[i] = x[i * cols + label(labels, i, cols)];
        }
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
}
