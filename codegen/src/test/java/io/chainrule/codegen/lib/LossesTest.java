package io.chainrule.codegen.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.OpCode;
import io.chainrule.runtime.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four losses with every reduction against the interpreter, bit for bit; the kernels take the reduction as its
 * ordinal, so each case passes {@code reduction.ordinal()}.
 */
class LossesTest {

    private static float[] expected(OpCode op, Reduction reduction, Tensor a, Tensor b) {
        return Reference.binary(a, b, (x, y) -> x.loss(op, y, reduction)).floats();
    }

    private static float[] output(Reduction reduction, int examples) {
        return new float[reduction == Reduction.NONE ? examples : 1];
    }

    private static void checkLabelled(float[] x, int[] labels, int rows, int cols) {
        Tensor scores = Tensor.of(x, rows, cols);
        Tensor y = Tensor.of(labels, rows);
        for (Reduction reduction : Reduction.values()) {
            float[] crossEntropy = output(reduction, rows);
            Losses.crossEntropy(x, labels, crossEntropy, rows, cols, reduction.ordinal());
            assertArrayEquals(expected(OpCode.CROSS_ENTROPY, reduction, scores, y), crossEntropy,
                    "cross-entropy " + reduction);
            float[] nll = output(reduction, rows);
            Losses.nllLoss(x, labels, nll, rows, cols, reduction.ordinal());
            assertArrayEquals(expected(OpCode.NLL_LOSS, reduction, scores, y), nll, "nll " + reduction);
        }
    }

    private static void checkElementwise(float[] input, float[] target, int[] dims) {
        Tensor a = Tensor.of(input, dims);
        Tensor b = Tensor.of(target, dims);
        for (Reduction reduction : Reduction.values()) {
            float[] mse = output(reduction, input.length);
            Losses.mseLoss(input, target, mse, input.length, reduction.ordinal());
            assertArrayEquals(expected(OpCode.MSE_LOSS, reduction, a, b), mse, "mse " + reduction);
            float[] bce = output(reduction, input.length);
            Losses.bceLoss(input, target, bce, input.length, reduction.ordinal());
            assertArrayEquals(expected(OpCode.BCE_LOSS, reduction, a, b), bce, "bce " + reduction);
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
        Losses.crossEntropy(new float[] {1000, -1000, -1000, 1000}, new int[] {0, 0}, out, 2, 2,
                Reduction.NONE.ordinal());
        // -0 for the first row, as the interpreter negates a zero log-probability.
        assertArrayEquals(new float[] {0, 2000}, out, 0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void elementwiseLossesOnRandomShapes(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 10; trial++) {
            int[] dims = random.dims(random.between(1, 3), 30);
            int size = Views.size(dims);
            checkElementwise(random.probabilities(size), random.probabilities(size), dims);
        }
    }

    @Test
    void bceClampsTheLogsOfZeroAndOne() {
        float[] p = {0, 0, 1, 1, 0.5f, 1e-30f};
        float[] t = {0, 1, 0, 1, 0.25f, 1};
        checkElementwise(p, t, new int[] {6});
        float[] out = new float[6];
        Losses.bceLoss(p, t, out, 6, Reduction.NONE.ordinal());
        assertEquals(100f, out[1]);
        assertEquals(100f, out[2]);
    }

    @Test
    void bceRejectsValuesOutsideTheUnitIntervalAsTheInterpreter() {
        float[][] bad = {{0.5f, 1.1f}, {0.5f, -0.25f}, {0.5f, Float.NaN}};
        for (float[] v : bad) {
            float[] ok = {0.5f, 0.5f};
            checkRejected(v, ok);
            checkRejected(ok, v);
        }
    }

    private static void checkRejected(float[] p, float[] t) {
        String expected = Reference.binaryFailure(Tensor.of(p, 2), Tensor.of(t, 2), (a, b) -> a.bceLoss(b));
        String actual = assertThrows(IllegalArgumentException.class,
                () -> Losses.bceLoss(p, t, new float[1], 2, Reduction.MEAN.ordinal())).getMessage();
        assertEquals(expected, actual);
    }

    @Test
    void labelsOutOfRangeFailAsInTheInterpreter() {
        float[] x = new float[9];
        int[] labels = {0, 1, 3};
        String expected = "label 3 in row 2 is out of range [0, 3)";
        for (OpCode op : new OpCode[] {OpCode.CROSS_ENTROPY, OpCode.NLL_LOSS}) {
            assertEquals(expected, Reference.binaryFailure(Tensor.of(x, 3, 3), Tensor.of(labels, 3),
                    (a, b) -> a.loss(op, b, Reduction.SUM)));
        }
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(x, labels, new float[1], 3, 3, Reduction.SUM.ordinal())).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> Losses.nllLoss(x, labels, new float[1], 3, 3, Reduction.SUM.ordinal())).getMessage());
    }

    @Test
    void unknownReductionCodesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Losses.mseLoss(new float[1], new float[1], new float[1], 1, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(new float[1], new int[1], new float[1], 1, 1, -1));
    }
}
