package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.OpCode;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sum, mean and max against the plain reference, bit for bit (both accumulate each output in double in row-major
 * order), in f32 and f64, through the contiguous and the strided kernels and through {@link ReductionLayout}.
 */
class ReduceTest {
    private static final OpCode[] OPS = {OpCode.SUM, OpCode.MEAN, OpCode.MAX};

    /** Reduces axes [from, to) of x with the contiguous kernel and checks it against the plain reference. */
    private static void checkBlock(OpCode op, float[] x, int[] dims, int from, int to) {
        int[] axes = new int[to - from];
        Arrays.setAll(axes, i -> from + i);
        int outer = Views.product(dims, 0, from);
        int n = Views.product(dims, from, to);
        int inner = Views.product(dims, to, dims.length);
        float[] out = new float[outer * inner];
        switch (op) {
            case SUM -> Reduce.sum(x, out, outer, n, inner);
            case MEAN -> Reduce.mean(x, out, outer, n, inner);
            default -> Reduce.max(x, out, outer, n, inner);
        }
        double[] expected = Reference.reduce(op, Reference.widen(x), dims, axes);
        assertArrayEquals(Reference.rounded(expected), out, () -> op.text() + " of " + Arrays.toString(dims) + " over "
                + Arrays.toString(axes));
        checkLayout(op, x, dims, axes, expected);
    }

    /** The f32 kernel {@link ReductionLayout} picks, and the f64 strided kernel, as the interpreter calls them. */
    private static void checkLayout(OpCode op, float[] x, int[] dims, int[] axes, double[] expected) {
        ReductionLayout l = new ReductionLayout(dims, axes);
        float[] out = new float[expected.length];
        double[] wide = new double[expected.length];
        double[] in = Reference.widen(x);
        switch (op) {
            case SUM -> {
                if (l.contiguous()) {
                    Reduce.sum(x, out, l.outer(), l.n(), l.inner());
                } else {
                    Reduce.sumStrided(x, out, l.inDims(), l.outStrides());
                }
                Reduce.sumStrided(in, wide, l.inDims(), l.outStrides());
            }
            case MEAN -> {
                if (l.contiguous()) {
                    Reduce.mean(x, out, l.outer(), l.n(), l.inner());
                } else {
                    Reduce.meanStrided(x, out, l.inDims(), l.outStrides(), l.count());
                }
                Reduce.meanStrided(in, wide, l.inDims(), l.outStrides(), l.count());
            }
            default -> {
                if (l.contiguous()) {
                    Reduce.max(x, out, l.outer(), l.n(), l.inner());
                } else {
                    Reduce.maxStrided(x, out, l.inDims(), l.outStrides());
                }
                Reduce.maxStrided(in, wide, l.inDims(), l.outStrides());
            }
        }
        String what = op.text() + " of " + Arrays.toString(dims) + " over " + Arrays.toString(axes);
        assertArrayEquals(Reference.rounded(expected), out, what);
        assertArrayEquals(expected, wide, what + " in f64");
    }

    /** Reduces the axes marked in {@code reduced} with the strided kernel and checks it against the plain reference. */
    private static void checkStrided(OpCode op, float[] x, int[] dims, boolean[] reduced) {
        int[] axes = IntStream.range(0, dims.length).filter(d -> reduced[d]).toArray();
        int[] outStrides = Views.outStrides(dims, reduced);
        int outSize = 1;
        for (int d = 0; d < dims.length; d++) {
            outSize *= reduced[d] ? 1 : dims[d];
        }
        float[] out = new float[outSize];
        switch (op) {
            case SUM -> Reduce.sumStrided(x, out, dims, outStrides);
            case MEAN -> Reduce.meanStrided(x, out, dims, outStrides, outSize == 0 ? 0 : x.length / outSize);
            default -> Reduce.maxStrided(x, out, dims, outStrides);
        }
        double[] expected = Reference.reduce(op, Reference.widen(x), dims, axes);
        assertArrayEquals(Reference.rounded(expected), out, () -> op.text() + " of " + Arrays.toString(dims) + " over "
                + Arrays.toString(axes));
        checkLayout(op, x, dims, axes, expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void contiguousBlocksOfRandomShapes(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] dims = random.dims(random.between(1, 4), 12);
            float[] x = random.floats(Views.size(dims));
            int from = random.between(0, dims.length - 1);
            int to = random.between(from + 1, dims.length);
            for (OpCode op : OPS) {
                checkBlock(op, x, dims, from, to);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void columnAndRowSumsOfTrainingSizes(int seed) {
        RandomData random = new RandomData(seed);
        int[][] shapes = {{100, 784}, {120, 784}, {784, 120}, {100, 10}, {100, 120}, {1000, 3}, {1000, 17}, {1, 9}};
        for (int[] dims : shapes) {
            float[] x = random.floats(Views.size(dims));
            for (OpCode op : OPS) {
                checkBlock(op, x, dims, 0, 1);
                checkBlock(op, x, dims, 1, 2);
                checkBlock(op, x, dims, 0, 2);
            }
        }
    }

    @Test
    void sumsAccumulateInDouble() {
        // In float, 1e8 + 1 rounds back to 1e8 and the column sums would come out 0.
        float[] x = {1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 1e8f, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            -1e8f, -1e8f, -1e8f, -1e8f, -1e8f, -1e8f, -1e8f, -1e8f, -1e8f};
        float[] out = new float[9];
        Reduce.sum(x, out, 1, 3, 9);
        float[] ones = new float[9];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, out);
        checkBlock(OpCode.SUM, x, new int[] {3, 9}, 0, 1);
        checkBlock(OpCode.MEAN, x, new int[] {3, 9}, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void stridedOverAnySetOfAxes(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] dims = random.dims(random.between(1, 4), 7);
            float[] x = random.floats(Views.size(dims));
            boolean[] reduced = new boolean[dims.length];
            reduced[random.between(0, dims.length - 1)] = true;
            for (int d = 0; d < dims.length; d++) {
                reduced[d] |= random.chance(2);
            }
            for (OpCode op : OPS) {
                checkStrided(op, x, dims, reduced);
            }
        }
    }

    @Test
    void stridedOverTheOuterAxesOfACube() {
        int[] dims = {3, 4, 5};
        float[] x = new RandomData(11).floats(60);
        for (OpCode op : OPS) {
            checkStrided(op, x, dims, new boolean[] {true, false, true});
            checkStrided(op, x, dims, new boolean[] {true, true, false});
            checkStrided(op, x, dims, new boolean[] {false, true, true});
            checkStrided(op, x, dims, new boolean[] {true, true, true});
        }
        float[] out = new float[4];
        Reduce.sumStrided(x, out, dims, new int[] {0, 1, 0});
        for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 5; k++) {
                    s += x[(i * 4 + j) * 5 + k];
                }
            }
            assertEquals((float) s, out[j]);
        }
    }

    @Test
    void stridedOutputsMayBeLaidOutAnyWay() {
        // [2,3,4] reduced over axis 1 into a [4,2] buffer: axis 0 has output stride 1, axis 2 stride 2.
        float[] x = new RandomData(12).floats(24);
        float[] out = new float[8];
        Reduce.sumStrided(x, out, new int[] {2, 3, 4}, new int[] {1, 0, 2});
        float[] rowMajor = new float[8];
        Reduce.sum(x, rowMajor, 2, 3, 4);
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(rowMajor[i * 4 + k], out[k * 2 + i]);
            }
        }
    }

    @Test
    void maxPropagatesNaNAndPrefersPositiveZero() {
        float[] x = {1, Float.NaN, 2, -0f, 0f, -0f, 0f, -0f, -3, -5, Float.NaN, 0f};
        int[] dims = {3, 4};
        checkBlock(OpCode.MAX, x, dims, 0, 1);
        checkBlock(OpCode.MAX, x, dims, 1, 2);
        checkStrided(OpCode.MAX, x, dims, new boolean[] {true, false});
        checkStrided(OpCode.MAX, x, dims, new boolean[] {false, true});
        float[] out = new float[4];
        Reduce.max(x, out, 1, 3, 4);
        assertTrue(Float.isNaN(out[1]) && Float.isNaN(out[2]));
        assertEquals(0f, out[3]);
    }

    @Test
    void emptyAxesSumToZeroAverageToNaNAndHaveNoMax() {
        int[] dims = {0, 3};
        float[] x = new float[0];
        for (OpCode op : new OpCode[] {OpCode.SUM, OpCode.MEAN}) {
            checkBlock(op, x, dims, 0, 1);
            checkBlock(op, x, dims, 1, 2);
            checkStrided(op, x, dims, new boolean[] {true, false});
        }
        checkBlock(OpCode.MAX, x, dims, 1, 2);
        checkStrided(OpCode.MAX, x, dims, new boolean[] {false, true});
        String contiguous = assertThrows(IllegalArgumentException.class,
                () -> Reduce.max(x, new float[3], 1, 0, 3)).getMessage();
        String strided = assertThrows(IllegalArgumentException.class,
                () -> Reduce.maxStrided(x, new float[3], dims, new int[] {0, 1})).getMessage();
        String f64 = assertThrows(IllegalArgumentException.class,
                () -> Reduce.maxStrided(new double[0], new double[3], dims, new int[] {0, 1})).getMessage();
        assertEquals("max over an empty axis: nothing to reduce", contiguous);
        assertEquals(contiguous, strided);
        assertEquals(contiguous, f64);
    }
}
