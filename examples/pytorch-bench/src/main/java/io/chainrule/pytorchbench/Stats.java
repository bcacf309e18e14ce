package io.chainrule.pytorchbench;

import java.util.Arrays;

/** The one statistic the side-by-side tables use. */
final class Stats {
    private Stats() {
    }

    /** The middle value (the upper of the two middle ones for an even count); NaN for none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
