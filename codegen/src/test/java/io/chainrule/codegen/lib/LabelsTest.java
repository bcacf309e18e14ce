package io.chainrule.codegen.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.runtime.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-hot and gather against the interpreter, including its message for a label out of range. */
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
            float[] expected = Reference.unary(Tensor.of(labels, dims), v -> v.oneHot(classes)).floats();
            assertArrayEquals(expected, out, () -> "one_hot of " + Arrays.toString(dims) + ", " + classes);
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
            float[] expected = Reference.binary(Tensor.of(x, rows, cols), Tensor.of(labels, rows), (a, b) -> a.gather(b))
                    .floats();
            assertArrayEquals(expected, out);
        }
    }

    @Test
    void labelsOutOfRangeFailAsInTheInterpreter() {
        for (int bad : new int[] {3, 5, -1, Integer.MIN_VALUE}) {
            int[] labels = {0, bad, 1};
            String expected = Reference.unaryFailure(Tensor.of(labels, 3), v -> v.oneHot(3));
            String oneHot = assertThrows(IllegalArgumentException.class,
                    () -> Labels.oneHot(labels, new float[9], 3, 3)).getMessage();
            assertEquals(expected, oneHot);
            assertEquals("label " + bad + " in row 1 is out of range [0, 3)", oneHot);
            String gathered = Reference.binaryFailure(Tensor.of(new float[9], 3, 3), Tensor.of(labels, 3),
                    (a, b) -> a.gather(b));
            assertEquals(gathered, assertThrows(IllegalArgumentException.class,
                    () -> Labels.gather(new float[9], labels, new float[3], 3, 3)).getMessage());
        }
    }
}
