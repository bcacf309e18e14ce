package io.chainrule.runtime.data;

import java.util.Arrays;

/**
 * Features held as f32, row-major, with the normalizations applied to them so far, in order, each computed as each
 * row is copied out: the same f32 operations as applying them to a copy, without the copy.
 */
record FloatFeatures(float[] values, int width, float[] means, float[] stds) implements Features {

    /** Rows of {@code width} values, not normalized. */
    FloatFeatures(float[] values, int width) {
        this(values, width, new float[0], new float[0]);
    }

    @Override
    public void copyRow(int row, float[] into, int offset) {
        System.arraycopy(values, row * width, into, offset, width);
        for (int step = 0; step < means.length; step++) {
            float mean = means[step];
            float std = stds[step];
            for (int i = offset; i < offset + width; i++) {
                into[i] = (into[i] - mean) / std;
            }
        }
    }

    @Override
    public int touchRow(int row) {
        int mixed = 0;
        for (int i = row * width; i < (row + 1) * width; i += 16) {
            mixed += Float.floatToRawIntBits(values[i]);
        }
        return mixed;
    }

    @Override
    public Features normalized(float mean, float std) {
        float[] m = Arrays.copyOf(means, means.length + 1);
        float[] s = Arrays.copyOf(stds, stds.length + 1);
        m[means.length] = mean;
        s[stds.length] = std;
        return new FloatFeatures(values, width, m, s);
    }
}
