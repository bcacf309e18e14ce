package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;

class LabelOpsTest {
    private static final double EXACT = 0;

    @Test
    void oneHotRows() {
        Tensor labels = Tensor.of(new int[] {2, 0, 1}, 3);
        Tensor y = Run.unary(labels, v -> v.oneHot(3));
        assertEquals(DType.F32, y.dtype());
        assertTensor(y, dims(3, 3), EXACT, 0, 0, 1, 1, 0, 0, 0, 1, 0);
        assertEquals(DType.F64, Run.unary(labels, v -> v.oneHot(4, DType.F64)).dtype());
        assertTensor(Run.unary(labels, v -> v.oneHot(4, DType.F64)), dims(3, 4), EXACT,
                0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void oneHotOfAMatrixOfLabels() {
        Tensor labels = Tensor.of(new int[] {1, 0, 0, 1}, 2, 2);
        assertTensor(Run.unary(labels, v -> v.oneHot(2)), dims(2, 2, 2), EXACT, 0, 1, 1, 0, 1, 0, 0, 1);
    }

    @Test
    void gatherPicksOnePerRow() {
        Tensor x = f32(dims(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor labels = Tensor.of(new int[] {2, 0}, 2);
        assertTensor(Run.binary(x, labels, Value::gather), dims(2), EXACT, 3, 4);
    }

    @Test
    void labelsOutOfRangeNameTheLabelAndRow() {
        Tensor x = f32(dims(2, 3), 1, 2, 3, 4, 5, 6);
        InterpreterException high = assertThrows(InterpreterException.class,
                () -> Run.binary(x, Tensor.of(new int[] {0, 3}, 2), Value::gather));
        assertTrue(high.getMessage().endsWith(": label 3 in row 1 is out of range [0, 3)"), high.getMessage());
        InterpreterException negative = assertThrows(InterpreterException.class,
                () -> Run.unary(Tensor.of(new int[] {-1, 0}, 2), v -> v.oneHot(3)));
        assertTrue(negative.getMessage().endsWith(": label -1 in row 0 is out of range [0, 3)"),
                negative.getMessage());
    }
}
