package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.chainrule.runtime.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax and log-softmax against the plain reference, bit for bit, along every axis and at extreme magnitudes. */
class SoftmaxTest {

    private static void check(float[] x, int[] dims, int axis) {
        int outer = Views.product(dims, 0, axis);
        int n = dims[axis];
        int inner = Views.product(dims, axis + 1, dims.length);
        float[] probabilities = new float[x.length];
        float[] logProbabilities = new float[x.length];
        Softmax.softmax(x, probabilities, 0, outer, n, inner);
        Softmax.logSoftmax(x, logProbabilities, 0, outer, n, inner);
        String where = Arrays.toString(dims) + " along " + axis;
        double[] wide = Reference.widen(x);
        double[] expected = Reference.softmax(wide, dims, axis, false);
        double[] expectedLog = Reference.softmax(wide, dims, axis, true);
        assertArrayEquals(Reference.rounded(expected), probabilities, "softmax of " + where);
        assertArrayEquals(Reference.rounded(expectedLog), logProbabilities, "log-softmax of " + where);
        double[] out = new double[x.length];
        Softmax.softmax(wide, out, 0, outer, n, inner);
        assertArrayEquals(expected, out, "f64 softmax of " + where);
        Softmax.logSoftmax(wide, out, 0, outer, n, inner);
        assertArrayEquals(expectedLog, out, "f64 log-softmax of " + where);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomShapesAlongEveryAxis(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 30; trial++) {
            int[] dims = random.dims(random.between(1, 4), 9);
            float[] x = random.chance(2) ? random.uniform(Views.size(dims), 5) : random.floats(Views.size(dims));
            check(x, dims, random.between(0, dims.length - 1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void stableAtPlusMinusAThousand(int seed) {
        RandomData random = new RandomData(seed);
        float[] x = random.uniform(100 * 10, 1000);
        x[0] = 1000;
        x[1] = -1000;
        x[10] = -1000;
        x[11] = -1000;
        check(x, new int[] {100, 10}, 1);
        check(x, new int[] {100, 10}, 0);
        float[] out = new float[x.length];
        Softmax.softmax(x, out, 0, 100, 10, 1);
        Softmax.logSoftmax(x, out, 0, 100, 10, 1);
        for (float v : out) {
            assertFalse(Float.isNaN(v) || Float.isInfinite(v));
        }
    }

    /** A compiled step shares a softmax's outer indices between threads: each range writes its lanes alone. */
    @Test
    void rangesOfOuterIndicesMakeTheWholeTogether() {
        float[] x = new float[4 * 5 * 3];
        Random random = new Random(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 4;
        }
        float[] whole = new float[x.length];
        float[] wholeLog = new float[x.length];
        Softmax.softmax(x, whole, 0, 4, 5, 3);
        Softmax.logSoftmax(x, wholeLog, 0, 4, 5, 3);
        float[] parts = new float[x.length];
        float[] partsLog = new float[x.length];
        Arrays.fill(parts, Float.NaN);
        Arrays.fill(partsLog, Float.NaN);
        Softmax.softmax(x, parts, 1, 3, 5, 3);
        Softmax.logSoftmax(x, partsLog, 1, 3, 5, 3);
        for (int i = 0; i < x.length; i++) {
            boolean inRange = i >= 15 && i < 45;
            assertEquals(inRange ? whole[i] : Float.NaN, parts[i], "softmax element " + i);
            assertEquals(inRange ? wholeLog[i] : Float.NaN, partsLog[i], "log-softmax element " + i);
        }
        Softmax.softmax(x, parts, 0, 1, 5, 3);
        Softmax.softmax(x, parts, 3, 4, 5, 3);
        Softmax.logSoftmax(x, partsLog, 3, 4, 5, 3);
        Softmax.logSoftmax(x, partsLog, 0, 1, 5, 3);
        assertArrayEquals(whole, parts);
        assertArrayEquals(wholeLog, partsLog);
    }

    @Test
    void equalHugeLogitsShareTheMassEvenly() {
        float[] x = {1000, 1000, 1000, 1000, -1000, -1000, -1000, -1000};
        check(x, new int[] {2, 4}, 1);
        float[] out = new float[8];
        Softmax.softmax(x, out, 0, 2, 4, 1);
        float[] quarter = new float[8];
        Arrays.fill(quarter, 0.25f);
        assertArrayEquals(quarter, out);
    }

    @Test
    void nanAndInfinityAsThePlainFormula() {
        check(new float[] {1, Float.NaN, 2, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 3,
            Float.POSITIVE_INFINITY, 0, Float.NEGATIVE_INFINITY}, new int[] {3, 3}, 1);
    }

    @Test
    void trainingSizes() {
        RandomData random = new RandomData(9);
        check(random.floats(100 * 10), new int[] {100, 10}, 1);
        check(random.floats(100 * 120), new int[] {100, 120}, 1);
        check(random.floats(1), new int[] {1, 1}, 1);
    }
}
