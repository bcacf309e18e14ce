package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.OpCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four losses with every reduction against the plain reference, in f32 and f64: bit for bit, except BCE, whose
 * reference is the textbook formula (another order of the same terms), within an ulp.
 */
class LossesTest {

    private static double[] expected(OpCode op, Reduction reduction, float[] x, float[] target, int[] labels,
            int cols) {
        return Reference.loss(op, Reference.widen(x), target == null ? null : Reference.widen(target), labels, cols,
                reduction);
    }

    private static double[] wide(Reduction reduction, int examples) {
        return new double[reduction == Reduction.NONE ? examples : 1];
    }

    private static float[] output(Reduction reduction, int examples) {
        return new float[reduction == Reduction.NONE ? examples : 1];
    }

    private static void checkLabelled(float[] x, int[] labels, int rows, int cols) {
        double[] wideX = Reference.widen(x);
        for (Reduction reduction : Reduction.values()) {
            double[] expected = expected(OpCode.CROSS_ENTROPY, reduction, x, null, labels, cols);
            float[] crossEntropy = output(reduction, rows);
            Losses.crossEntropy(x, labels, crossEntropy, rows, cols, reduction);
            assertArrayEquals(Reference.rounded(expected), crossEntropy, "cross-entropy " + reduction);
            double[] wide = wide(reduction, rows);
            Losses.crossEntropy(wideX, labels, wide, rows, cols, reduction);
            assertArrayEquals(expected, wide, "f64 cross-entropy " + reduction);
            expected = expected(OpCode.NLL_LOSS, reduction, x, null, labels, cols);
            float[] nll = output(reduction, rows);
            Losses.nllLoss(x, labels, nll, rows, cols, reduction);
            assertArrayEquals(Reference.rounded(expected), nll, "nll " + reduction);
            Losses.nllLoss(wideX, labels, wide, rows, cols, reduction);
            assertArrayEquals(expected, wide, "f64 nll " + reduction);
        }
    }

    private static void checkElementwise(float[] input, float[] target) {
        int n = input.length;
        double[] wideInput = Reference.widen(input);
        double[] wideTarget = Reference.widen(target);
        for (Reduction reduction : Reduction.values()) {
            double[] expected = expected(OpCode.MSE_LOSS, reduction, input, target, null, 0);
            float[] mse = output(reduction, n);
            Losses.mseLoss(input, target, mse, n, reduction);
            assertArrayEquals(Reference.rounded(expected), mse, "mse " + reduction);
            double[] wide = wide(reduction, n);
            Losses.mseLoss(wideInput, wideTarget, wide, n, reduction);
            assertArrayEquals(expected, wide, "f64 mse " + reduction);
            expected = expected(OpCode.BCE_LOSS, reduction, input, target, null, 0);
            float[] bce = output(reduction, n);
            Losses.bceLoss(input, target, bce, n, reduction);
            Losses.bceLoss(wideInput, wideTarget, wide, n, reduction);
            for (int i = 0; i < expected.length; i++) {
                assertEquals((float) expected[i], bce[i], Math.ulp((float) expected[i]), "bce " + reduction);
                assertEquals(expected[i], wide[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "f64 bce " + reduction);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void labelledLossesOnRandomBatches(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 10; trial++) {
            int rows = random.between(1, 120);
            int cols = random.between(1, 12);
            checkLabelled(random.floats(rows * cols), random.labels(rows, cols), rows, cols);
        }
        checkLabelled(random.floats(1000), random.labels(100, 10), 100, 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void crossEntropyIsStableAtPlusMinusAThousand(int seed) {
        RandomData random = new RandomData(seed);
        float[] logits = random.uniform(100 * 10, 1000);
        logits[0] = 1000;
        logits[1] = -1000;
        checkLabelled(logits, random.labels(100, 10), 100, 10);
        float[] out = new float[2];
        Losses.crossEntropy(new float[] {1000, -1000, -1000, 1000}, new int[] {0, 0}, out, 2, 2, Reduction.NONE);
        // -0 for the first row: a zero log-probability, negated.
        assertArrayEquals(new float[] {0, 2000}, out, 0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void elementwiseLossesOnRandomShapes(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 10; trial++) {
            int[] dims = random.dims(random.between(1, 3), 30);
            int size = Views.size(dims);
            checkElementwise(random.probabilities(size), random.probabilities(size));
        }
    }

    @Test
    void bceClampsTheLogsOfZeroAndOne() {
        float[] p = {0, 0, 1, 1, 0.5f, 1e-30f};
        float[] t = {0, 1, 0, 1, 0.25f, 1};
        checkElementwise(p, t);
        float[] out = new float[6];
        Losses.bceLoss(p, t, out, 6, Reduction.NONE);
        assertEquals(100f, out[1]);
        assertEquals(100f, out[2]);
    }

    @Test
    void bceRejectsValuesOutsideTheUnitInterval() {
        float[][] bad = {{0.5f, 1.1f}, {0.5f, -0.25f}, {0.5f, Float.NaN}};
        String[] shown = {"1.100000023841858", "-0.25", "NaN"};
        for (int i = 0; i < bad.length; i++) {
            float[] v = bad[i];
            float[] ok = {0.5f, 0.5f};
            assertEquals("input element 1 is " + shown[i] + ", outside [0, 1]", assertThrows(
                    IllegalArgumentException.class, () -> Losses.bceLoss(v, ok, new float[1], 2, Reduction.MEAN))
                    .getMessage());
            assertEquals("target element 1 is " + shown[i] + ", outside [0, 1]", assertThrows(
                    IllegalArgumentException.class, () -> Losses.bceLoss(ok, v, new float[1], 2, Reduction.SUM))
                    .getMessage());
        }
    }

    @Test
    void labelsOutOfRangeAreNamedWithTheirRow() {
        float[] x = new float[9];
        int[] labels = {0, 1, 3};
        String expected = "label 3 in row 2 is out of range [0, 3)";
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(x, labels, new float[1], 3, 3, Reduction.SUM)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Losses.nllLoss(new double[9], labels, new double[1], 3, 3, Reduction.SUM)).getMessage());
    }
}
