package io.chainrule.ir;

import java.util.random.RandomGenerator;

/**
 * How a parameter starts, with PyTorch's formulas (torch.nn.init). Sampling is seeded by the caller, so the same seed
 * gives the same parameters.
 */
public sealed interface Initializer {

    /** Fills a fresh array of n values. */
    double[] sample(int n, RandomGenerator rng);

    /** The recommended gain for ReLU (torch.nn.init.calculate_gain("relu")). */
    double RELU_GAIN = Math.sqrt(2.0);

    /** All zeros (torch.nn.init.zeros_): biases, and optimizer state. */
    record Zeros() implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            return new double[n];
        }
    }

    /**
     * One value everywhere (torch.nn.init.constant_).
     *
     * @param value the value of every element
     */
    record Fill(double value) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double[] out = new double[n];
            java.util.Arrays.fill(out, value);
            return out;
        }
    }

    /**
     * U(low, high) (torch.nn.init.uniform_).
     *
     * @param low  the smallest value drawn
     * @param high the bound the values stay below
     */
    record Uniform(double low, double high) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = low + (high - low) * rng.nextDouble();
            }
            return out;
        }
    }

    /**
     * N(mean, std^2) (torch.nn.init.normal_).
     *
     * @param mean the distribution's mean
     * @param std  its standard deviation
     */
    record Normal(double mean, double std) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = mean + std * rng.nextGaussian();
            }
            return out;
        }
    }

    /**
     * kaiming_uniform_ with mode fan_in: U(-b, b), b = gain * sqrt(3 / fan_in).
     *
     * @param fanIn the inputs of each unit (a weight's columns)
     * @param gain  {@link #RELU_GAIN} for layers followed by ReLU
     */
    record KaimingUniform(int fanIn, double gain) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double bound = fanIn == 0 ? 0 : gain * Math.sqrt(3.0 / fanIn);
            return new Uniform(-bound, bound).sample(n, rng);
        }
    }

    /**
     * kaiming_normal_ with mode fan_in: N(0, std^2), std = gain / sqrt(fan_in).
     *
     * @param fanIn the inputs of each unit (a weight's columns)
     * @param gain  {@link #RELU_GAIN} for layers followed by ReLU
     */
    record KaimingNormal(int fanIn, double gain) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            return new Normal(0, fanIn == 0 ? 0 : gain / Math.sqrt(fanIn)).sample(n, rng);
        }
    }

    /**
     * xavier_uniform_: U(-b, b), b = gain * sqrt(6 / (fan_in + fan_out)).
     *
     * @param fanIn  the inputs of each unit (a weight's columns)
     * @param fanOut the units (a weight's rows)
     * @param gain   1 for linear and sigmoid layers, as torch.nn.init.calculate_gain gives
     */
    record XavierUniform(int fanIn, int fanOut, double gain) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double bound = gain * Math.sqrt(6.0 / Math.max(1, fanIn + fanOut));
            return new Uniform(-bound, bound).sample(n, rng);
        }
    }

    /**
     * xavier_normal_: N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out)).
     *
     * @param fanIn  the inputs of each unit (a weight's columns)
     * @param fanOut the units (a weight's rows)
     * @param gain   1 for linear and sigmoid layers, as torch.nn.init.calculate_gain gives
     */
    record XavierNormal(int fanIn, int fanOut, double gain) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            return new Normal(0, gain * Math.sqrt(2.0 / Math.max(1, fanIn + fanOut))).sample(n, rng);
        }
    }

    /**
     * PyTorch's default for nn.Linear weight and bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (for the weight this is
     * kaiming_uniform_ with a = sqrt(5)).
     *
     * @param fanIn the layer's inputs (the weight's columns)
     */
    record LinearDefault(int fanIn) implements Initializer {
        @Override
        public double[] sample(int n, RandomGenerator rng) {
            double bound = fanIn == 0 ? 0 : 1.0 / Math.sqrt(fanIn);
            return new Uniform(-bound, bound).sample(n, rng);
        }
    }
}
