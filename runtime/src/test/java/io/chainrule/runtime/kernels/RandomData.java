package io.chainrule.runtime.kernels;

import io.chainrule.runtime.testing.RandomPermutation;
import java.util.Random;

/** Random shapes and values for comparing kernels with the plain reference; everything follows from the seed. */
final class RandomData {
    private final Random random;

    RandomData(long seed) {
        random = new Random(seed);
    }

    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** Extents from 1 to {@code maxExtent}, with 1 common so that unit axes get exercised. */
    int[] dims(int rank, int maxExtent) {
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = random.nextInt(4) == 0 ? 1 : between(1, maxExtent);
        }
        return dims;
    }

    /** Gaussian values of mixed magnitudes (so that float rounding along a sum would show), with some signed zeros. */
    float[] floats(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(20);
            v[i] = switch (kind) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> (float) (random.nextGaussian() * 1e6);
                default -> (float) random.nextGaussian();
            };
        }
        return v;
    }

    /** Uniform in [-scale, scale]. */
    float[] uniform(int size, double scale) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return v;
    }

    /** Small integers, so that lanes have ties. */
    float[] ties(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextInt(4);
        }
        return v;
    }

    /** Uniform in [0, 1], with the ends themselves now and then. */
    float[] probabilities(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(10);
            v[i] = kind == 0 ? 0f : kind == 1 ? 1f : random.nextFloat();
        }
        return v;
    }

    int[] labels(int size, int classes) {
        int[] v = new int[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextInt(classes);
        }
        return v;
    }

    int[] ints(int size) {
        int[] v = new int[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextInt();
        }
        return v;
    }

    int[] permutation(int rank) {
        return RandomPermutation.of(rank, random::nextInt);
    }

    boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }
}
