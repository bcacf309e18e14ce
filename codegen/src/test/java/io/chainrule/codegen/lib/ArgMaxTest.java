package io.chainrule.codegen.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argmax against the interpreter: the first maximum, a NaN counting as the maximum. */
class ArgMaxTest {

    private static void check(float[] x, int[] dims, int axis) {
        int outer = Views.product(dims, 0, axis);
        int n = dims[axis];
        int inner = Views.product(dims, axis + 1, dims.length);
        int[] out = new int[outer * inner];
        ArgMax.argmax(x, out, outer, n, inner);
        int[] expected = Reference.unary(Tensor.of(x, dims), v -> v.argmax(axis)).ints();
        assertArrayEquals(expected, out, () -> "argmax of " + Arrays.toString(dims) + " along " + axis);
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
    void anEmptyAxisHasNoArgmax() {
        String expected = Reference.unaryFailure(Tensor.of(new float[0], 2, 0), v -> v.argmax(1));
        String actual = assertThrows(IllegalArgumentException.class,
                () -> ArgMax.argmax(new float[0], new int[2], 2, 0, 1)).getMessage();
        assertTrue(expected.startsWith("argmax ") && expected.contains(" empty axis"), expected);
        assertTrue(actual.startsWith("argmax ") && actual.contains(" empty axis"), actual);
    }
}
