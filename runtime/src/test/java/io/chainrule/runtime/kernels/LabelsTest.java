package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-hot and gather, f32 and f64, and the message for a label out of range. */
class LabelsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void oneHotOverwritesAReusedBuffer(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 20; trial++) {
            int[] dims = random.dims(random.between(1, 3), 8);
            int count = Views.size(dims);
            int classes = random.between(1, 12);
            int[] labels = random.labels(count, classes);
            float[] out = random.floats(count * classes);
            Labels.oneHot(labels, out, count, classes);
            double[] expected = new double[count * classes];
            for (int i = 0; i < count; i++) {
                expected[i * classes + labels[i]] = 1;
            }
            assertArrayEquals(Reference.rounded(expected), out, () -> "one_hot of " + Arrays.toString(dims) + ", "
                    + classes);
            double[] wide = Reference.widen(random.floats(count * classes));
            Labels.oneHot(labels, wide, count, classes);
            assertArrayEquals(expected, wide);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void gatherPicksEachRowsLabel(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 20; trial++) {
            int rows = random.between(1, 100);
            int cols = random.between(1, 12);
            float[] x = random.floats(rows * cols);
            int[] labels = random.labels(rows, cols);
            float[] out = new float[rows];
            Labels.gather(x, labels, out, rows, cols);
            double[] expected = new double[rows];
            for (int i = 0; i < rows; i++) {
                expected[i] = x[i * cols + labels[i]];
            }
            assertArrayEquals(Reference.rounded(expected), out);
            double[] wide = new double[rows];
            Labels.gather(Reference.widen(x), labels, wide, rows, cols);
            assertArrayEquals(expected, wide);
        }
    }

    @Test
    void labelsOutOfRangeAreNamedWithTheirRow() {
        for (int bad : new int[] {3, 5, -1, Integer.MIN_VALUE}) {
            int[] labels = {0, bad, 1};
            String expected = "label " + bad + " in row 1 is out of range [0, 3)";
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> Labels.oneHot(labels, new float[9], 3, 3)).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> Labels.gather(new double[9], labels, new double[3], 3, 3)).getMessage());
        }
    }
}
