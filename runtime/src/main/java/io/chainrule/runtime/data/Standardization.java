package io.chainrule.runtime.data;

import java.util.Arrays;

/**
 * Per-feature {@code (x - mean) / std}, as scikit-learn's {@code StandardScaler}: fitted on the training split only
 * (so that nothing of the validation or test examples leaks into training), then applied to every split alike. The
 * arrays have one entry per feature ({@link Dataset#featureCount}); every std is positive and finite. The record's
 * arrays are copies, in and out.
 *
 * @param mean each feature's mean over the training examples
 * @param std each feature's population standard deviation (ddof 0) over them, 1 for a constant feature
 */
public record Standardization(float[] mean, float[] std) {

    public Standardization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("the mean of feature " + i + " must be finite, got " + mean[i]);
            }
            if (!(std[i] > 0) || Float.isInfinite(std[i])) {
                throw new IllegalArgumentException("the std of feature " + i + " must be positive and finite, got "
                        + std[i]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The mean and population standard deviation of each feature over {@code train}'s examples, computed in f64 in
     * two passes (mean first, then squared deviations from it), then rounded to f32. A feature with the same value in
     * every example gets std 1, as in scikit-learn, so that it standardizes to 0 rather than to NaN.
     */
    public static Standardization fit(Dataset train) {
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardization on no examples");
        }
        int width = train.featureCount();
        float[] row = new float[width];
        double[] sum = new double[width];
        float[] min = new float[width];
        float[] max = new float[width];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int e = 0; e < n; e++) {
            train.copyFeatures(e, row, 0);
            for (int i = 0; i < width; i++) {
                if (!Float.isFinite(row[i])) {
                    throw new IllegalArgumentException("feature " + i + " of example " + e + " is " + row[i]
                            + ": cannot standardize non-finite values");
                }
                sum[i] += row[i];
                min[i] = Math.min(min[i], row[i]);
                max[i] = Math.max(max[i], row[i]);
            }
        }
        double[] mean = new double[width];
        for (int i = 0; i < width; i++) {
            mean[i] = sum[i] / n;
        }
        double[] squares = new double[width];
        for (int e = 0; e < n; e++) {
            train.copyFeatures(e, row, 0);
            for (int i = 0; i < width; i++) {
                double d = row[i] - mean[i];
                squares[i] += d * d;
            }
        }
        float[] means = new float[width];
        float[] stds = new float[width];
        for (int i = 0; i < width; i++) {
            // A constant feature's mean in f64 need not be its value exactly, so the deviations need not sum to 0.
            means[i] = min[i] == max[i] ? min[i] : (float) mean[i];
            stds[i] = min[i] == max[i] ? 1 : (float) Math.sqrt(squares[i] / n);
            if (!(stds[i] > 0)) {
                // Values so close together that their spread rounds to 0 in f32: as constant as f32 can tell.
                stds[i] = 1;
            }
        }
        return new Standardization(means, stds);
    }

    /** Each feature's mean, a copy. */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** Each feature's standard deviation, a copy. */
    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Standardization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
