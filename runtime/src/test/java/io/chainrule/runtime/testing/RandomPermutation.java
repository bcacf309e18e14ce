package io.chainrule.runtime.testing;

import java.util.function.IntUnaryOperator;

/** A uniformly random permutation (Fisher-Yates), for tests drawing transposes from their own generator. */
public final class RandomPermutation {
    private RandomPermutation() {
    }

    /** @param below gives a uniform int in [0, n) for n: a generator's nextInt */
    public static int[] of(int rank, IntUnaryOperator below) {
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = below.applyAsInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
