package io.chainrule.runtime;

import io.chainrule.ir.DType;
import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;

/**
 * A dense tensor: a type and a flat row-major buffer, {@code float[]} for f32, {@code double[]} for f64 and
 * {@code int[]} for i32. The type is fixed; the elements are mutable, so training can update parameters in place.
 */
public final class Tensor {
    private static final int SHOWN_VALUES = 8;

    private final TensorType type;
    private final float[] floats;
    private final double[] doubles;
    private final int[] ints;

    private Tensor(TensorType type, float[] floats, double[] doubles, int[] ints) {
        this.type = type;
        this.floats = floats;
        this.doubles = doubles;
        this.ints = ints;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(TensorType type) {
        int n = type.shape().size();
        return switch (type.dtype()) {
            case F32 -> new Tensor(type, new float[n], null, null);
            case F64 -> new Tensor(type, null, new double[n], null);
            case I32 -> new Tensor(type, null, null, new int[n]);
        };
    }

    /** An f32 tensor whose storage is {@code values} itself (not a copy). */
    public static Tensor of(float[] values, int... dims) {
        TensorType type = checkedType(DType.F32, values.length, dims);
        return new Tensor(type, values, null, null);
    }

    /** An f64 tensor whose storage is {@code values} itself (not a copy). */
    public static Tensor of(double[] values, int... dims) {
        TensorType type = checkedType(DType.F64, values.length, dims);
        return new Tensor(type, null, values, null);
    }

    /** An i32 tensor whose storage is {@code values} itself (not a copy). */
    public static Tensor of(int[] values, int... dims) {
        TensorType type = checkedType(DType.I32, values.length, dims);
        return new Tensor(type, null, null, values);
    }

    /** A rank-0 tensor holding {@code value}, converted as {@link #setDouble} does. */
    public static Tensor scalar(DType dtype, double value) {
        Tensor t = zeros(new TensorType(dtype, Shape.SCALAR));
        t.setDouble(0, value);
        return t;
    }

    private static TensorType checkedType(DType dtype, int length, int[] dims) {
        TensorType type = new TensorType(dtype, Shape.of(dims));
        if (type.shape().size() != length) {
            throw new IllegalArgumentException(length + " values do not fill " + type + " ("
                    + type.shape().size() + " elements)");
        }
        return type;
    }

    public TensorType type() {
        return type;
    }

    public DType dtype() {
        return type.dtype();
    }

    public Shape shape() {
        return type.shape();
    }

    /** Number of elements. */
    public int size() {
        return type.shape().size();
    }

    /** The f32 storage itself. */
    public float[] floats() {
        if (floats == null) {
            throw wrongDtype(DType.F32);
        }
        return floats;
    }

    /** The f64 storage itself. */
    public double[] doubles() {
        if (doubles == null) {
            throw wrongDtype(DType.F64);
        }
        return doubles;
    }

    /** The i32 storage itself. */
    public int[] ints() {
        if (ints == null) {
            throw wrongDtype(DType.I32);
        }
        return ints;
    }

    private IllegalStateException wrongDtype(DType asked) {
        return new IllegalStateException("tensor " + type + " has no " + asked + " storage");
    }

    /** Element {@code i} of the row-major buffer, whatever the dtype. */
    public double getDouble(int i) {
        return switch (type.dtype()) {
            case F32 -> floats[i];
            case F64 -> doubles[i];
            case I32 -> ints[i];
        };
    }

    /** Sets element {@code i}: rounded to nearest for f32, truncated toward zero for i32 (Java's casts). */
    public void setDouble(int i, double value) {
        switch (type.dtype()) {
            case F32 -> floats[i] = (float) value;
            case F64 -> doubles[i] = value;
            case I32 -> ints[i] = (int) value;
        }
    }

    /** Overwrites this tensor's values with {@code source}'s, of the same type: how a step stores an update. */
    public void copyFrom(Tensor source) {
        if (!source.type.equals(type)) {
            throw new IllegalArgumentException("cannot copy a " + source.type + " tensor into a " + type + " tensor");
        }
        switch (type.dtype()) {
            case F32 -> System.arraycopy(source.floats, 0, floats, 0, floats.length);
            case F64 -> System.arraycopy(source.doubles, 0, doubles, 0, doubles.length);
            case I32 -> System.arraycopy(source.ints, 0, ints, 0, ints.length);
        }
    }

    /** A tensor of the same type with its own copy of the elements. */
    public Tensor copy() {
        return new Tensor(type, floats == null ? null : floats.clone(), doubles == null ? null : doubles.clone(),
                ints == null ? null : ints.clone());
    }

    /** The type and the first few elements, row-major: {@code f32[2,2] [1.0, 2.0, 3.0, 4.0]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.toString()).append(" [");
        int shown = Math.min(size(), SHOWN_VALUES);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(element(i));
        }
        return sb.append(size() > shown ? ", ...]" : "]").toString();
    }

    private String element(int i) {
        return switch (type.dtype()) {
            case F32 -> Float.toString(floats[i]);
            case F64 -> Double.toString(doubles[i]);
            case I32 -> Integer.toString(ints[i]);
        };
    }
}
