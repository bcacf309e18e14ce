package io.chainrule.runtime;

import io.chainrule.ir.Shape;

/**
 * The 1-D slices of a tensor along one axis, for ops that need a whole slice at a time (softmax, argmax, the
 * per-row losses): the tensor is viewed as [outer, length, inner], and lane l starts at
 * {@code (l / inner) * length * inner + l % inner} with stride {@code inner}. Lanes are loaded into a double[] scratch
 * so that the math is written once, in double, for every dtype.
 */
record Lanes(int count, int length, int inner) {

    static Lanes along(Shape shape, int axis) {
        int a = shape.axis(axis);
        int length = shape.dim(a);
        int inner = shape.strides()[a];
        int outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= shape.dim(d);
        }
        return new Lanes(outer * inner, length, inner);
    }

    private int start(int lane) {
        return lane / inner * length * inner + lane % inner;
    }

    private static IllegalArgumentException notFloating(Tensor t) {
        return new IllegalArgumentException("lanes hold floating values, not " + t.type());
    }

    /** Copies lane {@code lane} of the floating tensor {@code t} into {@code dst[0, length)}. */
    void load(Tensor t, int lane, double[] dst) {
        int i = start(lane);
        switch (t.dtype()) {
            case F32 -> {
                float[] src = t.floats();
                for (int j = 0; j < length; j++, i += inner) {
                    dst[j] = src[i];
                }
            }
            case F64 -> {
                double[] src = t.doubles();
                for (int j = 0; j < length; j++, i += inner) {
                    dst[j] = src[i];
                }
            }
            case I32 -> throw notFloating(t);
        }
    }

    /** Writes {@code src[0, length)} to lane {@code lane} of {@code t}, rounding once for f32. */
    void store(double[] src, Tensor t, int lane) {
        int i = start(lane);
        switch (t.dtype()) {
            case F32 -> {
                float[] dst = t.floats();
                for (int j = 0; j < length; j++, i += inner) {
                    dst[i] = (float) src[j];
                }
            }
            case F64 -> {
                double[] dst = t.doubles();
                for (int j = 0; j < length; j++, i += inner) {
                    dst[i] = src[j];
                }
            }
            case I32 -> throw notFloating(t);
        }
    }
}
