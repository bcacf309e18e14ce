package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    private static final double EXACT = 0;

    /** [[1, 2, 3], [4, 5, 6]]. */
    private static Tensor m() {
        return f64(dims(2, 3), 1, 2, 3, 4, 5, 6);
    }

    /** x[i, j, k] = 12 i + 4 j + k, shape [2, 3, 4]. */
    private static Tensor cube() {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return f64(dims(2, 3, 4), v);
    }

    @Test
    void sumOverEachAxis() {
        assertTensor(Run.unary(m(), v -> v.sum(0)), dims(3), EXACT, 5, 7, 9);
        assertTensor(Run.unary(m(), v -> v.sum(1)), dims(2), EXACT, 6, 15);
        assertTensor(Run.unary(m(), v -> v.sum(-1)), dims(2), EXACT, 6, 15);
        assertTensor(Run.unary(m(), Value::sum), dims(), EXACT, 21);
        assertTensor(Run.unary(m(), v -> v.sum(0, 1)), dims(), EXACT, 21);
    }

    @Test
    void keepDimsKeepsReducedAxesAsOnes() {
        assertTensor(Run.unary(m(), v -> v.sumKeepDims(0)), dims(1, 3), EXACT, 5, 7, 9);
        assertTensor(Run.unary(m(), v -> v.sumKeepDims(1)), dims(2, 1), EXACT, 6, 15);
        assertTensor(Run.unary(m(), Value::sumKeepDims), dims(1, 1), EXACT, 21);
        assertTensor(Run.unary(m(), v -> v.meanKeepDims(1)), dims(2, 1), EXACT, 2, 5);
        assertTensor(Run.unary(m(), v -> v.maxKeepDims(0)), dims(1, 3), EXACT, 4, 5, 6);
    }

    @Test
    void meanOverEachAxis() {
        assertTensor(Run.unary(m(), v -> v.mean(0)), dims(3), EXACT, 2.5, 3.5, 4.5);
        assertTensor(Run.unary(m(), v -> v.mean(1)), dims(2), EXACT, 2, 5);
        assertTensor(Run.unary(m(), Value::mean), dims(), EXACT, 3.5);
    }

    @Test
    void maxOverEachAxis() {
        Tensor x = f64(dims(2, 2), -1, -5, -3, -2);
        assertTensor(Run.unary(x, v -> v.max(0)), dims(2), EXACT, -1, -2);
        assertTensor(Run.unary(x, v -> v.max(1)), dims(2), EXACT, -1, -2);
        assertTensor(Run.unary(x, Value::max), dims(), EXACT, -1);
        assertTensor(Run.unary(f64(dims(3), 1, Double.NaN, 2), Value::max), dims(), EXACT, Double.NaN);
    }

    @Test
    void rank3ReductionsOverInnerAndSplitAxes() {
        assertTensor(Run.unary(cube(), v -> v.sum(1)), dims(2, 4), EXACT, 12, 15, 18, 21, 48, 51, 54, 57);
        assertTensor(Run.unary(cube(), v -> v.sumKeepDims(0, 2)), dims(1, 3, 1), EXACT, 60, 92, 124);
        assertTensor(Run.unary(cube(), v -> v.mean(0, 2)), dims(3), EXACT, 7.5, 11.5, 15.5);
        assertTensor(Run.unary(cube(), v -> v.max(2)), dims(2, 3), EXACT, 3, 7, 11, 15, 19, 23);
    }

    @Test
    void f32SumsAccumulateInDouble() {
        // Summed in float, 1e8 + 1 rounds back to 1e8 and the result would be 0.
        Tensor y = Run.unary(f32(dims(3), 1e8f, 1, -1e8f), Value::sum);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new float[] {1}, y.floats());
        assertTensor(Run.unary(f32(dims(3), 1e8f, 1, -1e8f), Value::mean), dims(), EXACT, (float) (1.0 / 3.0));
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        Tensor x = f32(dims(2, 3), 1, 3, 3, 5, 0, -1);
        Tensor rows = Run.unary(x, v -> v.argmax(1));
        assertEquals(DType.I32, rows.dtype());
        assertArrayEquals(new int[] {1, 0}, rows.ints());
        assertArrayEquals(new int[] {1, 0, 0}, Run.unary(x, v -> v.argmax(0)).ints());
        Tensor kept = Run.unary(x, v -> v.apply(OpCode.ARGMAX, new Attrs.ArgMax(-1, true)));
        assertTensor(kept, dims(2, 1), EXACT, 1, 0);
    }

    @Test
    void argmaxTreatsNaNAsTheMaximum() {
        assertArrayEquals(new int[] {1}, Run.unary(f64(dims(1, 4), 1, Double.NaN, 5, Double.NaN), v -> v.argmax(1))
                .ints());
    }

    @Test
    void emptyAxesReduceAsInPyTorch() {
        Tensor empty = f64(dims(0, 3));
        assertTensor(Run.unary(empty, v -> v.sum(0)), dims(3), EXACT, 0, 0, 0);
        assertTensor(Run.unary(empty, v -> v.mean(0)), dims(3), EXACT, Double.NaN, Double.NaN, Double.NaN);
        assertTensor(Run.unary(empty, v -> v.max(1)), dims(0), EXACT);
        InterpreterException e = assertThrows(InterpreterException.class, () -> Run.unary(empty, v -> v.max(0)));
        assertTrue(e.getMessage().endsWith(": max over an empty axis: nothing to reduce"), e.getMessage());
    }
}
