package io.chainrule.ir;

/**
 * The static type of a value: element type and shape, printed as {@code f32[100,784]}.
 *
 * @param dtype the element type
 * @param shape the dimensions
 */
public record TensorType(DType dtype, Shape shape) {
    public static TensorType of(DType dtype, int... dims) {
        return new TensorType(dtype, Shape.of(dims));
    }

    @Override
    public String toString() {
        return dtype.toString() + shape;
    }
}
