package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final int[] AWKWARD = {1, 3, 4, 15, 17, 33, 100};
    /**
     * m x n x k: the MNIST MLP's eight products, sizes around the tile widths 4, 8, 16, 32 and 48, single rows and
     * columns (the sin(10x) network's 1-wide layers) around the matrix-vector kernels' 4 rows and 16 and 64 lanes, and
     * few columns (a linear classifier's 10) around the dot-product kernel's 2 x 4 blocks, and widths whose rest after
     * the 48-wide tiles takes each last tile (16, 32 or 48 columns, overlapping) or the narrow ones (fewer than 48).
     */
    private static final int[][] NAMED = {
        {100, 120, 784}, {100, 84, 120}, {100, 10, 84}, {120, 784, 100}, {84, 120, 100}, {10, 84, 100},
        {100, 84, 10}, {100, 120, 84}, {5, 9, 2}, {7, 47, 3}, {6, 49, 5}, {8, 95, 11}, {13, 127, 1}, {4, 8, 0},
        {0, 5, 3}, {3, 784, 17}, {784, 17, 3},
        {64, 1, 32}, {1, 32, 64}, {32, 1, 64}, {1, 1, 7}, {1, 145, 1}, {203, 1, 37}, {1, 79, 50}, {7, 1, 0}, {1, 0, 4},
        {100, 10, 784}, {7, 5, 300}, {9, 13, 260}, {2, 4, 1}, {3, 6, 17}, {5, 7, 0},
        {9, 53, 7}, {9, 68, 7}, {9, 88, 7}, {9, 112, 7}, {9, 40, 7}, {9, 20, 7},
    };
    private static final long SEED = 20240611L;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean vector : vectorChoices()) {
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean transposeB : new boolean[] {false, true}) {
                    for (int epilogue : new int[] {0, Gemm.RELU}) {
                        for (boolean bias : new boolean[] {false, true}) {
                            cases.add(Arguments.of(vector, transposeA, transposeB, epilogue, bias));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    private static boolean[] vectorChoices() {
        return Gemm.vectorKernelsRunnable() ? new boolean[] {true, false} : new boolean[] {false};
    }

    @ParameterizedTest(name = "vector={0} transposeA={1} transposeB={2} epilogue={3} bias={4}")
    @MethodSource("cases")
    void matchesDoublePrecision(boolean vector, boolean transposeA, boolean transposeB, int epilogue, boolean bias) {
        Random random = new Random(SEED + epilogue);
        GemmScratch scratch = new GemmScratch();
        List<int[]> shapes = new ArrayList<>(List.of(NAMED));
        for (int m : AWKWARD) {
            for (int n : AWKWARD) {
                shapes.add(new int[] {m, n, AWKWARD[random.nextInt(AWKWARD.length)]});
            }
        }
        for (int s = 0; s < 20; s++) {
            shapes.add(new int[] {1 + random.nextInt(70), 1 + random.nextInt(130), 1 + random.nextInt(90)});
        }
        for (int[] shape : shapes) {
            check(random, scratch, vector, transposeA, transposeB, epilogue, bias, shape[0], shape[1], shape[2]);
        }
    }

    private static void check(Random random, GemmScratch scratch, boolean vector, boolean transposeA,
            boolean transposeB, int epilogue, boolean withBias, int m, int n, int k) {
        float[] a = GemmReference.random(random, m * k);
        float[] b = GemmReference.random(random, k * n);
        float[] bias = withBias ? GemmReference.random(random, n) : null;
        float[] c = GemmReference.random(random, m * n); // whatever C held before is overwritten
        Gemm.multiply(vector, transposeA, transposeB, a, b, c, m, n, k, bias, epilogue, scratch);
        String what = (vector ? "vector " : "plain ") + (transposeA ? "t" : "n") + (transposeB ? "t" : "n")
                + " epilogue " + epilogue + (withBias ? " bias" : "");
        GemmReference.check(what, transposeA, transposeB, a, b, c, m, n, k, bias, epilogue);
    }

    @Test
    void publicLayoutsReadTheirOperandsAsNamed() {
        // A = [[1,2],[3,4]] and B = [[5,6],[7,8]] as stored; each layout transposes what its name says
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        GemmScratch scratch = new GemmScratch();
        float[] c = new float[4];
        Gemm.nn(a, b, c, 2, 2, 2, null, 0, scratch);
        assertEquals(List.of(19f, 22f, 43f, 50f), boxed(c));
        Gemm.nt(a, b, c, 2, 2, 2, null, 0, scratch);
        assertEquals(List.of(17f, 23f, 39f, 53f), boxed(c));
        Gemm.tn(a, b, c, 2, 2, 2, null, 0, scratch);
        assertEquals(List.of(26f, 30f, 38f, 44f), boxed(c));
        Gemm.tt(a, b, c, 2, 2, 2, null, 0, scratch);
        assertEquals(List.of(23f, 31f, 34f, 46f), boxed(c));
    }

    @Test
    void reluPassesNaNOnLikeTheInterpreter() {
        for (boolean vector : vectorChoices()) {
            float[] a = new float[8 * 4];
            a[5] = Float.NaN;
            float[] c = new float[8 * 16];
            Gemm.multiply(vector, false, false, a, new float[4 * 16], c, 8, 16, 4, null, Gemm.RELU, new GemmScratch());
            assertTrue(Float.isNaN(c[16]), "row 1, which reads the NaN");
            assertEquals(0f, c[0]);
        }
    }

    @Test
    void rejectsShortArraysAndUnknownFlags() {
        GemmScratch scratch = new GemmScratch();
        float[] six = new float[6];
        assertThrows(IllegalArgumentException.class, () -> Gemm.nn(six, six, new float[5], 2, 3, 3, null, 0, scratch));
        assertThrows(IllegalArgumentException.class, () -> Gemm.nn(six, six, six, 2, 3, 3, new float[2], 0, scratch));
        assertThrows(IllegalArgumentException.class, () -> Gemm.nn(six, six, six, 2, 3, 3, null, 4, scratch));
        assertThrows(IllegalArgumentException.class, () -> Gemm.nn(six, six, six, -2, 3, 3, null, 0, scratch));
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
