package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void zerosHasTheTypeAndStorageOfItsDtype() {
        Tensor f = Tensor.zeros(TensorType.of(DType.F32, 2, 3));
        Tensor d = Tensor.zeros(TensorType.of(DType.F64, 4));
        Tensor i = Tensor.zeros(TensorType.of(DType.I32, 2, 2));
        assertEquals(TensorType.of(DType.F32, 2, 3), f.type());
        assertArrayEquals(new float[6], f.floats());
        assertArrayEquals(new double[4], d.doubles());
        assertArrayEquals(new int[4], i.ints());
    }

    @Test
    void ofWrapsTheArrayWithoutCopying() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(values, 2, 3);
        assertSame(values, t.floats());
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(DType.F32, t.dtype());
        assertEquals(6, t.size());
    }

    @Test
    void ofChecksTheElementCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[5], 2, 3));
        assertEquals("5 values do not fill f64[2,3] (6 elements)", e.getMessage());
    }

    @Test
    void wrongDtypeAccessorSaysWhatTheTensorIs() {
        Tensor t = Tensor.of(new int[] {1, 2}, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::floats);
        assertEquals("tensor i32[2] has no f32 storage", e.getMessage());
        assertThrows(IllegalStateException.class, t::doubles);
        assertThrows(IllegalStateException.class, () -> Tensor.of(new float[1], 1).ints());
    }

    @Test
    void scalarHasRankZero() {
        Tensor s = Tensor.scalar(DType.F64, 2.5);
        assertEquals(TensorType.of(DType.F64), s.type());
        assertEquals(2.5, s.doubles()[0]);
        assertEquals(7, Tensor.scalar(DType.I32, 7.9).ints()[0]);
    }

    @Test
    void genericAccessorsConvertLikeJavaCasts() {
        Tensor f = Tensor.zeros(TensorType.of(DType.F32, 2));
        f.setDouble(1, 0.1);
        assertEquals(0.1f, f.floats()[1]);
        assertEquals((double) 0.1f, f.getDouble(1));
        Tensor i = Tensor.zeros(TensorType.of(DType.I32, 2));
        i.setDouble(0, -2.7);
        assertEquals(-2, i.ints()[0]);
        assertEquals(-2.0, i.getDouble(0));
    }

    @Test
    void copyOwnsItsElements() {
        Tensor t = Tensor.of(new double[] {1, 2}, 2);
        Tensor c = t.copy();
        c.doubles()[0] = 9;
        assertEquals(1, t.doubles()[0]);
        assertNotSame(t.doubles(), c.doubles());
        assertEquals(t.type(), c.type());
    }

    @Test
    void toStringShowsTheTypeAndTheFirstElements() {
        assertEquals("f32[2,2] [1.0, 2.0, 3.5, -4.0]", Tensor.of(new float[] {1, 2, 3.5f, -4}, 2, 2).toString());
        assertEquals("i32[] [3]", Tensor.scalar(DType.I32, 3).toString());
        assertEquals("f64[10] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, ...]",
                Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10).toString());
    }
}
