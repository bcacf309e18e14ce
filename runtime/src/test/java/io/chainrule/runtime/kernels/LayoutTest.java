package io.chainrule.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transposes of i32, f32 and f64 tensors against the plain reference (each element its index in the floating cases). */
class LayoutTest {

    private static void check(int[] dims, int[] perm, RandomData random) {
        int size = Views.size(dims);
        String what = "transpose of " + Arrays.toString(dims) + " by " + Arrays.toString(perm);
        float[] out = new float[size];
        int[] ints = random.ints(size);
        int[] expected = Reference.transpose(ints, dims, perm);
        int[] intOut = new int[size];
        Layout.transpose(ints, intOut, dims, perm);
        assertArrayEquals(expected, intOut, what);
        // each element its own index, exact in float: where every element went
        int[] index = new int[size];
        float[] floats = new float[size];
        double[] doubles = new double[size];
        for (int i = 0; i < size; i++) {
            index[i] = i;
            floats[i] = i;
            doubles[i] = i;
        }
        int[] moved = Reference.transpose(index, dims, perm);
        Layout.transpose(floats, out, dims, perm);
        double[] wide = new double[size];
        Layout.transpose(doubles, wide, dims, perm);
        for (int i = 0; i < size; i++) {
            assertEquals(moved[i], out[i], what);
            assertEquals(moved[i], wide[i], what);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void randomPermutationsOfRanksOneToFour(int seed) {
        RandomData random = new RandomData(seed);
        for (int trial = 0; trial < 40; trial++) {
            int[] dims = random.dims(random.between(1, 4), 9);
            check(dims, random.permutation(dims.length), random);
        }
    }

    @Test
    void matricesLargerThanATile() {
        RandomData random = new RandomData(3);
        check(new int[] {120, 784}, new int[] {1, 0}, random);
        check(new int[] {33, 70}, new int[] {1, 0}, random);
        check(new int[] {1, 100}, new int[] {1, 0}, random);
        check(new int[] {100, 1}, new int[] {1, 0}, random);
        check(new int[] {40, 50}, new int[] {0, 1}, random);
    }

    @Test
    void batchedAndRank4Moves() {
        RandomData random = new RandomData(4);
        check(new int[] {3, 40, 35}, new int[] {0, 2, 1}, random);
        check(new int[] {3, 40, 35}, new int[] {2, 0, 1}, random);
        check(new int[] {2, 3, 4, 5}, new int[] {0, 2, 3, 1}, random);
        check(new int[] {2, 3, 4, 5}, new int[] {3, 2, 1, 0}, random);
        check(new int[] {2, 3, 4, 5}, new int[] {1, 0, 2, 3}, random);
    }

    @Test
    void scalarsVectorsAndEmptyTensors() {
        RandomData random = new RandomData(5);
        check(new int[] {}, new int[] {}, random);
        check(new int[] {7}, new int[] {0}, random);
        check(new int[] {0, 4}, new int[] {1, 0}, random);
        check(new int[] {3, 0, 2}, new int[] {2, 0, 1}, random);
    }
}
