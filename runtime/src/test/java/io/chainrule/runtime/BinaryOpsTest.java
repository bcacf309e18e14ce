package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.DType;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;

/** Arithmetic and comparisons, same-shape and under every kind of NumPy broadcasting. */
class BinaryOpsTest {
    private static final double EXACT = 0;

    private static final Tensor A = f64(dims(3), 1, -2, 3.5);
    private static final Tensor B = f64(dims(3), 4, 0.5, -1);

    @Test
    void arithmeticOnEqualShapes() {
        assertTensor(Run.binary(A, B, Value::add), dims(3), EXACT, 5, -1.5, 2.5);
        assertTensor(Run.binary(A, B, Value::sub), dims(3), EXACT, -3, -2.5, 4.5);
        assertTensor(Run.binary(A, B, Value::mul), dims(3), EXACT, 4, -1, -3.5);
        assertTensor(Run.binary(A, B, Value::div), dims(3), EXACT, 0.25, -4, -3.5);
        assertTensor(Run.binary(A, B, Value::maximum), dims(3), EXACT, 4, 0.5, 3.5);
    }

    @Test
    void f32ArithmeticKeepsItsDtype() {
        Tensor y = Run.binary(f32(dims(2), 1, 2), f32(dims(2), 3, 0.5f), Value::div);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new float[] {(float) (1.0 / 3.0), 4}, y.floats());
    }

    @Test
    void maximumPropagatesNaN() {
        assertTensor(Run.binary(f64(dims(2), Double.NaN, 1), f64(dims(2), 1, Double.NaN), Value::maximum), dims(2),
                EXACT, Double.NaN, Double.NaN);
    }

    @Test
    void columnPlusRow() {
        Tensor col = f64(dims(3, 1), 1, 2, 3);
        Tensor row = f64(dims(1, 4), 10, 20, 30, 40);
        assertTensor(Run.binary(col, row, Value::add), dims(3, 4), EXACT,
                11, 21, 31, 41,
                12, 22, 32, 42,
                13, 23, 33, 43);
    }

    @Test
    void matrixPlusVectorOfTrailingAxis() {
        Tensor m = f32(dims(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor v = f32(dims(3), 10, 20, 30);
        assertTensor(Run.binary(m, v, Value::add), dims(2, 3), EXACT, 11, 22, 33, 14, 25, 36);
        assertTensor(Run.binary(v, m, Value::sub), dims(2, 3), EXACT, 9, 18, 27, 6, 15, 24);
    }

    @Test
    void scalarOnEitherSide() {
        Tensor s = Tensor.scalar(DType.F64, 10);
        Tensor t = f64(dims(2, 2), 1, 2, 3, 4);
        assertTensor(Run.binary(s, t, Value::sub), dims(2, 2), EXACT, 9, 8, 7, 6);
        assertTensor(Run.binary(t, s, Value::div), dims(2, 2), EXACT, 0.1, 0.2, 0.3, 0.4);
        assertTensor(Run.unary(t, v -> v.mul(3)), dims(2, 2), EXACT, 3, 6, 9, 12);
        assertTensor(Run.binary(s, s, Value::mul), dims(), EXACT, 100);
    }

    @Test
    void rank3AgainstRank2() {
        Tensor a = f64(dims(4, 1, 3), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        Tensor b = f64(dims(2, 1), 100, 200);
        assertTensor(Run.binary(a, b, Value::add), dims(4, 2, 3), EXACT,
                100, 101, 102, 200, 201, 202,
                103, 104, 105, 203, 204, 205,
                106, 107, 108, 206, 207, 208,
                109, 110, 111, 209, 210, 211);
    }

    @Test
    void comparisonsGiveOneOrZeroInTheOperandDtype() {
        Tensor a = f32(dims(3), 1, 2, 3);
        Tensor b = f32(dims(3), 2, 2, 2);
        assertTensor(Run.binary(a, b, Value::eq), dims(3), EXACT, 0, 1, 0);
        assertTensor(Run.binary(a, b, Value::ne), dims(3), EXACT, 1, 0, 1);
        assertTensor(Run.binary(a, b, Value::lt), dims(3), EXACT, 1, 0, 0);
        assertTensor(Run.binary(a, b, Value::le), dims(3), EXACT, 1, 1, 0);
        assertTensor(Run.binary(a, b, Value::gt), dims(3), EXACT, 0, 0, 1);
        assertTensor(Run.binary(a, b, Value::ge), dims(3), EXACT, 0, 1, 1);
        assertEquals(DType.F32, Run.binary(a, b, Value::eq).dtype());
    }

    @Test
    void integerComparisonBroadcasts() {
        Tensor predicted = Tensor.of(new int[] {0, 1, 2, 1}, 2, 2);
        Tensor labels = Tensor.of(new int[] {0, 1}, 2);
        Tensor y = Run.binary(predicted, labels, Value::eq);
        assertEquals(DType.I32, y.dtype());
        assertArrayEquals(new int[] {1, 1, 0, 1}, y.ints());
        assertArrayEquals(new int[] {0, 1, 0, 1}, Run.binary(predicted, Tensor.of(new int[] {1}, 1), Value::eq).ints());
    }

    @Test
    void nanComparesUnequal() {
        Tensor n = f64(dims(1), Double.NaN);
        assertTensor(Run.binary(n, n, Value::eq), dims(1), EXACT, 0);
        assertTensor(Run.binary(n, n, Value::ne), dims(1), EXACT, 1);
    }
}
