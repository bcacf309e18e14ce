package io.chainrule.examples.bench;

/**
 * The eight matrix products of one training step of the MNIST MLP 784-120-84-10 at batch 100: C[m,n] with inner size
 * k, operands read as stored (n) or transposed (t), and the epilogue the compiled step fuses into each.
 */
public enum MlpProduct {
    FC1_FORWARD(false, true, 100, 120, 784, true, true),
    FC2_FORWARD(false, true, 100, 84, 120, true, true),
    OUT_FORWARD(false, true, 100, 10, 84, true, false),
    FC1_WEIGHT_GRAD(true, false, 120, 784, 100, false, false),
    FC2_WEIGHT_GRAD(true, false, 84, 120, 100, false, false),
    OUT_WEIGHT_GRAD(true, false, 10, 84, 100, false, false),
    OUT_INPUT_GRAD(false, false, 100, 84, 10, false, false),
    FC2_INPUT_GRAD(false, false, 100, 120, 84, false, false);

    final boolean transposeA;
    final boolean transposeB;
    final int m;
    final int n;
    final int k;
    final boolean bias;
    final boolean relu;

    MlpProduct(boolean transposeA, boolean transposeB, int m, int n, int k, boolean bias, boolean relu) {
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.bias = bias;
        this.relu = relu;
    }

    /** 2mnk, the count GFLOP/s figures divide by the time per product. */
    public double flops() {
        return 2.0 * m * n * k;
    }
}
