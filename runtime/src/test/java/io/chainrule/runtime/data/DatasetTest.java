package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.runtime.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Five examples of two features, example i being (10i, 10i + 1) with label i. */
    private static Dataset five() {
        return new Dataset(Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, 5, 2),
                Tensor.of(new int[] {0, 1, 2, 3, 4}, 5));
    }

    private static String rejection(Tensor features, Tensor labels) {
        return assertThrows(IllegalArgumentException.class, () -> new Dataset(features, labels)).getMessage();
    }

    @Test
    void featuresAndLabelsMustAgree() {
        Tensor labels = Tensor.of(new int[] {0, 1}, 2);
        assertEquals("2 feature rows but 3 labels", rejection(Tensor.of(new float[4], 2, 2),
                Tensor.of(new int[3], 3)));
        assertEquals("features must be f32 [n, ...], got f32[2]", rejection(Tensor.of(new float[2], 2), labels));
        assertEquals("features must be f32 [n, ...], got i32[2,1]", rejection(Tensor.of(new int[2], 2, 1), labels));
        assertEquals("labels must be i32 [n], got f32[2]", rejection(Tensor.of(new float[4], 2, 2),
                Tensor.of(new float[2], 2)));
    }

    @Test
    void sliceCopiesARangeOfExamples() {
        Dataset all = five();
        Dataset middle = all.slice(1, 3);
        assertEquals(2, middle.size());
        assertEquals("f32[2,2]", middle.features().type().toString());
        assertArrayEquals(new float[] {10, 11, 20, 21}, middle.features().floats());
        assertArrayEquals(new int[] {1, 2}, middle.labels().ints());
        middle.features().floats()[0] = -1;
        assertEquals(10, all.features().floats()[2], "the slice is a copy");
        assertEquals(0, all.slice(2, 2).size());
        assertEquals("slice [3, 6) is outside the 5 examples",
                assertThrows(IllegalArgumentException.class, () -> all.slice(3, 6)).getMessage());
    }

    @Test
    void holdOutLastKeepsTheLastExamplesForValidation() {
        Dataset.Split split = five().holdOutLast(2);
        assertArrayEquals(new int[] {0, 1, 2}, split.train().labels().ints());
        assertArrayEquals(new int[] {3, 4}, split.validation().labels().ints());
        assertArrayEquals(new float[] {30, 31, 40, 41}, split.validation().features().floats());
        assertEquals("cannot hold out 6 of 5 examples",
                assertThrows(IllegalArgumentException.class, () -> five().holdOutLast(6)).getMessage());
    }

    @Test
    void normalizedIsACopyInFloat32() {
        Dataset all = five();
        Dataset normalized = all.normalized(20, 4);
        assertArrayEquals(new float[] {-5, -4.75f, -2.5f, -2.25f, 0, 0.25f, 2.5f, 2.75f, 5, 5.25f},
                normalized.features().floats());
        assertEquals(0, all.features().floats()[0], "the original is untouched");
        float pixel = 3 / 255f;
        float expected = (pixel - Mnist.MEAN) / Mnist.STD;
        Dataset one = new Dataset(Tensor.of(new float[] {pixel}, 1, 1), Tensor.of(new int[] {0}, 1));
        assertEquals(expected, one.normalized(Mnist.MEAN, Mnist.STD).features().floats()[0], 0f);
        assertEquals("std must be positive, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> all.normalized(0, 0)).getMessage());
    }
}
