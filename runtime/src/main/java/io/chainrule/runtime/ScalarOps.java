package io.chainrule.runtime;

/**
 * The per-element semantics of every elementwise op, in double: the interpreter maps them over tensors and compiled
 * code calls them from its fused loops (C2 inlines them), so both backends compute the same function. Comparisons
 * give 1 or 0.
 */
public final class ScalarOps {
    private ScalarOps() {
    }

    public static double neg(double x) {
        return -x;
    }

    public static double abs(double x) {
        return Math.abs(x);
    }

    public static double exp(double x) {
        return Math.exp(x);
    }

    public static double log(double x) {
        return Math.log(x);
    }

    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    public static double square(double x) {
        return x * x;
    }

    public static double reciprocal(double x) {
        return 1 / x;
    }

    public static double tanh(double x) {
        return Math.tanh(x);
    }

    public static double sigmoid(double x) {
        return MathFns.sigmoid(x);
    }

    /** max(x, 0), propagating NaN as torch.relu does. */
    public static double relu(double x) {
        return Math.max(x, 0);
    }

    public static double leakyRelu(double x, double alpha) {
        return x > 0 ? x : alpha * x;
    }

    public static double gelu(double x) {
        return MathFns.gelu(x);
    }

    public static double geluTanh(double x) {
        return MathFns.geluTanh(x);
    }

    public static double silu(double x) {
        return MathFns.silu(x);
    }

    public static double erf(double x) {
        return MathFns.erf(x);
    }

    public static double step(double x) {
        return x > 0 ? 1 : 0;
    }

    public static double add(double a, double b) {
        return a + b;
    }

    public static double sub(double a, double b) {
        return a - b;
    }

    public static double mul(double a, double b) {
        return a * b;
    }

    public static double div(double a, double b) {
        return a / b;
    }

    /** NaN-propagating, as torch.maximum. */
    public static double maximum(double a, double b) {
        return Math.max(a, b);
    }

    public static double equal(double a, double b) {
        return a == b ? 1 : 0;
    }

    public static double notEqual(double a, double b) {
        return a != b ? 1 : 0;
    }

    public static double less(double a, double b) {
        return a < b ? 1 : 0;
    }

    public static double lessEqual(double a, double b) {
        return a <= b ? 1 : 0;
    }

    public static double greater(double a, double b) {
        return a > b ? 1 : 0;
    }

    public static double greaterEqual(double a, double b) {
        return a >= b ? 1 : 0;
    }
}
