package io.chainrule.runtime.model;

/** The index of the largest of {@code n} scores from {@code from}, the first of equal ones, as torch.argmax. */
final class ArgMax {
    private ArgMax() {
    }

    static int of(float[] scores, int from, int n) {
        int arg = 0;
        for (int c = 1; c < n; c++) {
            if (scores[from + c] > scores[from + arg]) {
                arg = c;
            }
        }
        return arg;
    }
}
