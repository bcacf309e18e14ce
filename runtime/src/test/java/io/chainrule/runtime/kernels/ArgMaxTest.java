package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argmax against the plain reference, f32 and f64: the first maximum, a NaN counting as the maximum. */
class ArgMaxTest {

    private static void check(float[] x, int[] dims, int axis) {
        int outer = Views.product(dims, 0, axis);
        int n = dims[axis];
        int inner = Views.product(dims, axis + 1, dims.length);
        int[] out = new int[outer * inner];
        ArgMax.argmax(x, out, outer, n, inner);
        int[] expected = Reference.argmax(Reference.widen(x), dims, axis);
        assertArrayEquals(expected, out, () -> "argmax of " + Arrays.toString(dims) + " along " + axis);
        int[] wide = new int[out.length];
        ArgMax.argmax(Reference.widen(x), wide, outer, n, inner);
        assertArrayEquals(expected, wide, () -> "f64 argmax of " + Arrays.toString(dims) + " along " + axis);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomShapesWithTiesAndNaNs(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] dims = random.dims(random.between(1, 4), 9);
            float[] x = random.chance(2) ? random.ties(Views.size(dims)) : random.floats(Views.size(dims));
            if (random.chance(3)) {
                x[random.between(0, x.length - 1)] = Float.NaN;
            }
            check(x, dims, random.between(0, dims.length - 1));
        }
    }

    @Test
    void rowsOfABatchOfScores() {
        RandomData random = new RandomData(7);
        check(random.floats(1000), new int[] {100, 10}, 1);
        check(random.ties(1000), new int[] {100, 10}, 1);
        check(random.floats(100 * 784), new int[] {100, 784}, 0);
    }

    @Test
    void firstNaNWinsAndEqualValuesKeepTheFirst() {
        check(new float[] {1, Float.NaN, 5, Float.NaN, 2, 2, -0f, 0f, 0f, -0f}, new int[] {2, 5}, 1);
        int[] out = new int[2];
        ArgMax.argmax(new float[] {1, Float.NaN, 5, Float.NaN, 2, 3, 3, -1}, out, 2, 4, 1);
        assertArrayEquals(new int[] {1, 1}, out);
    }

    @Test
    void oneLaneAsTheModelsMetricsReadIt() {
        // The model's accuracy and predictions count a NaN score as the class, as torch.argmax does.
        float[] scores = {0.1f, 0.7f, 0.7f, Float.NaN, 0.2f, 0.9f};
        assertEquals(1, ArgMax.of(scores, 0, 3, 1));
        assertEquals(0, ArgMax.of(scores, 3, 3, 1));
        assertEquals(1, ArgMax.of(scores, 1, 3, 2));
    }

    @Test
    void anEmptyAxisHasNoArgmax() {
        assertEquals("argmax along an empty axis", assertThrows(IllegalArgumentException.class,
                () -> ArgMax.argmax(new float[0], new int[2], 2, 0, 1)).getMessage());
        assertEquals("argmax along an empty axis", assertThrows(IllegalArgumentException.class,
                () -> ArgMax.argmax(new double[0], new int[2], 2, 0, 1)).getMessage());
    }
}
