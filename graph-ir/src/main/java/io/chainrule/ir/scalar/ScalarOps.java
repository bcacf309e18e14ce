package io.chainrule.ir.scalar;

import io.chainrule.ir.OpCode;

/**
 * The per-element semantics of every elementwise op, in double, each method marked with the op it computes (see
 * {@link ScalarFunctions}): the interpreter maps them over tensors, constant folding applies them, and compiled code
 * calls them from its fused loops (C2 inlines them), so all compute the same function. Comparisons give 1 or 0.
 */
public final class ScalarOps {
    private ScalarOps() {
    }

    @Computes(OpCode.NEG)
    public static double neg(double x) {
        return -x;
    }

    @Computes(OpCode.ABS)
    public static double abs(double x) {
        return Math.abs(x);
    }

    @Computes(OpCode.EXP)
    public static double exp(double x) {
        return Math.exp(x);
    }

    @Computes(OpCode.LOG)
    public static double log(double x) {
        return Math.log(x);
    }

    /** log(1 + x), accurate for tiny x, as torch.log1p. */
    @Computes(OpCode.LOG1P)
    public static double log1p(double x) {
        return Math.log1p(x);
    }

    @Computes(OpCode.SQRT)
    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    @Computes(OpCode.SQUARE)
    public static double square(double x) {
        return x * x;
    }

    @Computes(OpCode.RECIPROCAL)
    public static double reciprocal(double x) {
        return 1 / x;
    }

    @Computes(OpCode.TANH)
    public static double tanh(double x) {
        return Math.tanh(x);
    }

    @Computes(OpCode.SIGMOID)
    public static double sigmoid(double x) {
        return MathFns.sigmoid(x);
    }

    /** max(x, 0), propagating NaN as torch.relu does. */
    @Computes(OpCode.RELU)
    public static double relu(double x) {
        return Math.max(x, 0);
    }

    @Computes(OpCode.LEAKY_RELU)
    public static double leakyRelu(double x, double alpha) {
        return x > 0 ? x : alpha * x;
    }

    @Computes(OpCode.GELU)
    public static double gelu(double x) {
        return MathFns.gelu(x);
    }

    @Computes(OpCode.ERF)
    public static double erf(double x) {
        return MathFns.erf(x);
    }

    @Computes(OpCode.STEP)
    public static double step(double x) {
        return x > 0 ? 1 : 0;
    }

    @Computes(OpCode.ADD)
    public static double add(double a, double b) {
        return a + b;
    }

    @Computes(OpCode.SUB)
    public static double sub(double a, double b) {
        return a - b;
    }

    @Computes(OpCode.MUL)
    public static double mul(double a, double b) {
        return a * b;
    }

    @Computes(OpCode.DIV)
    public static double div(double a, double b) {
        return a / b;
    }

    /** NaN-propagating, as torch.maximum. */
    @Computes(OpCode.MAXIMUM)
    public static double maximum(double a, double b) {
        return Math.max(a, b);
    }

    @Computes(OpCode.EQUAL)
    public static double equal(double a, double b) {
        return a == b ? 1 : 0;
    }

    @Computes(OpCode.NOT_EQUAL)
    public static double notEqual(double a, double b) {
        return a != b ? 1 : 0;
    }

    @Computes(OpCode.LESS)
    public static double less(double a, double b) {
        return a < b ? 1 : 0;
    }

    @Computes(OpCode.LESS_EQUAL)
    public static double lessEqual(double a, double b) {
        return a <= b ? 1 : 0;
    }

    @Computes(OpCode.GREATER)
    public static double greater(double a, double b) {
        return a > b ? 1 : 0;
    }

    @Computes(OpCode.GREATER_EQUAL)
    public static double greaterEqual(double a, double b) {
        return a >= b ? 1 : 0;
    }

    /** {@code a} where the condition is nonzero, else {@code b}, as torch.where on a 0/1 mask. */
    @Computes(OpCode.WHERE)
    public static double where(double condition, double a, double b) {
        return condition != 0 ? a : b;
    }
}
