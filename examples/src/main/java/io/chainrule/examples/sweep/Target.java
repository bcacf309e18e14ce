package io.chainrule.examples.sweep;

import io.chainrule.runtime.data.Dataset;
import java.io.Serializable;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/** A function of one variable on [0, 1] that a sweep's networks learn to approximate. */
public sealed interface Target extends Serializable permits Target.Sine, Target.Sawtooth {
    /** How tables and plots name it: {@code sin(10x)}. */
    String name();

    double value(double x);

    /** The target at {@code points} evenly spaced x from 0 to 1, both included: a training set. */
    default Dataset samples(int points) {
        return sampled(points, i -> i / (double) (points - 1), points + " points");
    }

    /** The target midway between the points of {@link #samples}: {@code points - 1} x that training never sees. */
    default Dataset midpoints(int points) {
        return sampled(points - 1, i -> (i + 0.5) / (points - 1), (points - 1) + " midpoints");
    }

    private Dataset sampled(int count, IntToDoubleFunction grid, String what) {
        if (count < 1) {
            throw new IllegalArgumentException("a sample of " + name() + " needs at least 2 points, got " + count);
        }
        float[][] x = new float[count][1];
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            x[i][0] = (float) grid.applyAsDouble(i);
            y[i] = (float) value(x[i][0]);
        }
        return Dataset.regression(x, y).describedAs(name() + " on [0, 1] (" + what + ")");
    }

    /** sin(frequency x): the lesson's challenge, smooth, with no structure a composition would exploit. */
    record Sine(double frequency) implements Target {
        @Override
        public String name() {
            return String.format(Locale.ROOT, "sin(%sx)", frequency == Math.rint(frequency)
                    ? String.valueOf((long) frequency) : String.valueOf(frequency));
        }

        @Override
        public double value(double x) {
            return Math.sin(frequency * x);
        }
    }

    /**
     * The tent map t(x) = 1 - |2x - 1| composed {@code compositions} times: a sawtooth of 2^(k-1) teeth, 2^k linear
     * pieces. A function made by composition: a ReLU network of k layers of 2 units computes it exactly (t(x) =
     * 2 relu(x) - 4 relu(x - 1/2), fed into the next layer), while one hidden layer of n ReLU units makes at most n + 1
     * pieces and so needs 2^k - 1 units (Telgarsky, "Benefits of depth in neural networks", 2016).
     */
    record Sawtooth(int compositions) implements Target {
        public Sawtooth {
            if (compositions < 1) {
                throw new IllegalArgumentException("a sawtooth composes the tent map at least once, got "
                        + compositions);
            }
        }

        @Override
        public String name() {
            return "sawtooth t^" + compositions;
        }

        @Override
        public double value(double x) {
            double y = x;
            for (int i = 0; i < compositions; i++) {
                y = 1 - Math.abs(2 * y - 1);
            }
            return y;
        }

        /** Linear pieces on [0, 1]. */
        public int pieces() {
            return 1 << compositions;
        }
    }
}
