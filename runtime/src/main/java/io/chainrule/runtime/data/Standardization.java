package io.chainrule.runtime.data;

/** TEMPORARY stand-in until the data layer's version is merged. */
public record Standardization(float[] mean, float[] std) {
    public static Standardization fit(Dataset train) {
        int k = train.featureCount();
        double[] sum = new double[k];
        double[] sq = new double[k];
        float[] row = new float[k];
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (int j = 0; j < k; j++) {
                sum[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        float[] mean = new float[k];
        float[] std = new float[k];
        for (int j = 0; j < k; j++) {
            double m = sum[j] / train.size();
            double v = sq[j] / train.size() - m * m;
            mean[j] = (float) m;
            std[j] = v > 0 ? (float) Math.sqrt(v) : 1;
        }
        return new Standardization(mean, std);
    }
}
