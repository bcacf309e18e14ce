package io.chainrule.runtime.data;

import java.util.SplittableRandom;

/** Seeded shuffles, shared by {@link Dataset#shuffled} and {@link DataLoader}'s epochs. */
final class Permutation {
    private Permutation() {
    }

    /** Fisher-Yates from the back, in place: the same generator state always gives the same order. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
