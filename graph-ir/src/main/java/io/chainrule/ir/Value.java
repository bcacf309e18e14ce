package io.chainrule.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fluent handle on a node being built: {@code x.matmul(w, false, true).add(b).relu()}. Each method applies one op
 * through its {@link GraphBuilder}, which checks shapes at once. Scalars given as {@code double} become constants of
 * this value's dtype.
 */
public final class Value {
    private final GraphBuilder builder;
    private final int id;

    Value(GraphBuilder builder, int id) {
        this.builder = builder;
        this.id = id;
    }

    public GraphBuilder builder() {
        return builder;
    }

    public int id() {
        return id;
    }

    public Node node() {
        return builder.node(id);
    }

    public Shape shape() {
        return node().shape();
    }

    public DType dtype() {
        return node().dtype();
    }

    /** Names this node (names are unique within a graph). */
    public Value named(String name) {
        return builder.rename(id, name);
    }

    // elementwise unary
    public Value neg() { return unary(OpCode.NEG); }
    public Value abs() { return unary(OpCode.ABS); }
    public Value exp() { return unary(OpCode.EXP); }
    public Value log() { return unary(OpCode.LOG); }
    /** log(1 + x), accurate for tiny x. */
    public Value log1p() { return unary(OpCode.LOG1P); }
    public Value sqrt() { return unary(OpCode.SQRT); }
    public Value square() { return unary(OpCode.SQUARE); }
    public Value reciprocal() { return unary(OpCode.RECIPROCAL); }
    public Value tanh() { return unary(OpCode.TANH); }
    public Value sigmoid() { return unary(OpCode.SIGMOID); }
    public Value relu() { return unary(OpCode.RELU); }
    /** PyTorch's default negative slope, 0.01. */
    public Value leakyRelu() { return leakyRelu(0.01); }
    public Value leakyRelu(double alpha) { return apply(OpCode.LEAKY_RELU, new Attrs.Alpha(alpha)); }
    /** Exact GELU (erf form), as F.gelu(x). */
    public Value gelu() { return unary(OpCode.GELU); }

    /**
     * Tanh-approximated GELU, as F.gelu(x, approximate="tanh"): 0.5 x (1 + tanh u), u = sqrt(2/pi) (x + 0.044715 x^3),
     * composed as x sigmoid(2u), the same function without the cancellation in 1 + tanh u: within 200 ulps of float64
     * (measured over 400,000 floats), where the tanh form rounds to 0 below about x = -5 in float32 (-8.4 in float64).
     */
    public Value geluTanh() {
        return mul(mul(square().mul(0.044715).add(1)).mul(2 * Math.sqrt(2 / Math.PI)).sigmoid());
    }

    /** Swish / SiLU: x sigmoid(x), as F.silu(x). */
    public Value silu() { return mul(sigmoid()); }
    public Value erf() { return unary(OpCode.ERF); }

    /** softplus with PyTorch's defaults, beta 1 and threshold 20. */
    public Value softplus() { return softplus(1, 20); }

    /**
     * log(1 + exp(beta x)) / beta, and x itself where beta x > threshold, as F.softplus(x, beta, threshold). A
     * composition, fused into one loop by the compiler: the exponential sees 0 where the linear branch is taken, so it
     * never overflows, and where passes no gradient to its mask.
     */
    public Value softplus(double beta, double threshold) {
        Value z = mul(beta);
        Value linear = z.gt(threshold);
        return linear.where(this, linear.where(scalar(0), z).exp().log1p().div(beta));
    }
    public Value step() { return unary(OpCode.STEP); }

    // elementwise binary, broadcasting
    public Value add(Value o) { return binary(OpCode.ADD, o); }
    public Value sub(Value o) { return binary(OpCode.SUB, o); }
    public Value mul(Value o) { return binary(OpCode.MUL, o); }
    public Value div(Value o) { return binary(OpCode.DIV, o); }
    public Value maximum(Value o) { return binary(OpCode.MAXIMUM, o); }
    public Value add(double c) { return add(scalar(c)); }
    public Value sub(double c) { return sub(scalar(c)); }
    public Value mul(double c) { return mul(scalar(c)); }
    public Value div(double c) { return div(scalar(c)); }
    public Value maximum(double c) { return maximum(scalar(c)); }

    // comparisons: 0/1 masks
    public Value eq(Value o) { return binary(OpCode.EQUAL, o); }
    public Value ne(Value o) { return binary(OpCode.NOT_EQUAL, o); }
    public Value lt(Value o) { return binary(OpCode.LESS, o); }
    public Value le(Value o) { return binary(OpCode.LESS_EQUAL, o); }
    public Value gt(Value o) { return binary(OpCode.GREATER, o); }
    public Value ge(Value o) { return binary(OpCode.GREATER_EQUAL, o); }
    public Value gt(double c) { return gt(scalar(c)); }

    /** This 0/1 mask selecting {@code ifTrue} where it is 1, else {@code ifFalse}, as torch.where(mask, a, b). */
    public Value where(Value ifTrue, Value ifFalse) { return apply(OpCode.WHERE, Attrs.NONE, ifTrue, ifFalse); }

    // reductions: no axes means all axes
    public Value sum(int... axes) { return reduce(OpCode.SUM, false, axes); }
    public Value mean(int... axes) { return reduce(OpCode.MEAN, false, axes); }
    public Value max(int... axes) { return reduce(OpCode.MAX, false, axes); }
    public Value sumKeepDims(int... axes) { return reduce(OpCode.SUM, true, axes); }
    public Value meanKeepDims(int... axes) { return reduce(OpCode.MEAN, true, axes); }
    public Value maxKeepDims(int... axes) { return reduce(OpCode.MAX, true, axes); }
    public Value argmax(int axis) { return apply(OpCode.ARGMAX, new Attrs.ArgMax(axis, false)); }

    // linear algebra and layout
    public Value matmul(Value o) { return matmul(o, false, false); }

    public Value matmul(Value o, boolean transposeA, boolean transposeB) {
        return apply(OpCode.MATMUL, new Attrs.MatMul(transposeA, transposeB), o);
    }

    /** Swaps the last two axes. */
    public Value transpose() {
        int r = shape().rank();
        if (r < 2) {
            throw new ShapeException("transpose " + node().label() + ": " + shape() + ": needs rank 2 or more");
        }
        int[] perm = new int[r];
        Arrays.setAll(perm, i -> i);
        perm[r - 1] = r - 2;
        perm[r - 2] = r - 1;
        return permute(perm);
    }

    public Value permute(int... perm) {
        return apply(OpCode.TRANSPOSE, new Attrs.Permute(Arrays.stream(perm).boxed().toList()));
    }

    /** Reshape; one dimension may be -1, inferred from the others as in PyTorch's view. */
    public Value reshape(int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        int known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && infer < 0) {
                infer = i;
            } else if (d[i] < 0) {
                throw new ShapeException("reshape " + node().label() + ": " + shape() + ": bad target "
                        + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            int total = shape().size();
            if (known == 0 || total % known != 0) {
                throw new ShapeException("reshape " + node().label() + ": " + shape() + ": cannot infer -1 in "
                        + Arrays.toString(dims));
            }
            d[infer] = total / known;
        }
        return apply(OpCode.RESHAPE, new Attrs.Target(Shape.of(d)));
    }

    /** Flattens every axis after the first, as nn.Flatten() (start_dim=1). */
    public Value flatten() {
        if (shape().rank() < 1) {
            throw new ShapeException("flatten " + node().label() + ": " + shape() + ": needs rank 1 or more");
        }
        return reshape(shape().dim(0), -1);
    }

    public Value broadcastTo(int... dims) {
        return apply(OpCode.BROADCAST, new Attrs.Target(Shape.of(dims)));
    }

    // normalizations
    public Value softmax(int axis) { return apply(OpCode.SOFTMAX, new Attrs.Axis(axis)); }
    public Value logSoftmax(int axis) { return apply(OpCode.LOG_SOFTMAX, new Attrs.Axis(axis)); }

    // integer labels
    public Value oneHot(int classes) { return apply(OpCode.ONE_HOT, new Attrs.OneHot(classes, DType.F32)); }
    public Value oneHot(int classes, DType dtype) { return apply(OpCode.ONE_HOT, new Attrs.OneHot(classes, dtype)); }
    /** Picks {@code this[i, labels[i]]} for each row i. */
    public Value gather(Value labels) { return apply(OpCode.GATHER, Attrs.NONE, labels); }

    // losses, with PyTorch's default mean reduction
    public Value crossEntropy(Value labels) { return loss(OpCode.CROSS_ENTROPY, labels, Attrs.Reduction.MEAN); }
    public Value nllLoss(Value labels) { return loss(OpCode.NLL_LOSS, labels, Attrs.Reduction.MEAN); }
    public Value mseLoss(Value target) { return loss(OpCode.MSE_LOSS, target, Attrs.Reduction.MEAN); }
    public Value bceLoss(Value target) { return loss(OpCode.BCE_LOSS, target, Attrs.Reduction.MEAN); }

    public Value loss(OpCode lossOp, Value other, Attrs.Reduction reduction) {
        return apply(lossOp, new Attrs.Loss(reduction), other);
    }

    /** Any op on this value and {@code others}. */
    public Value apply(OpCode op, Attrs attrs, Value... others) {
        Value[] inputs = new Value[others.length + 1];
        inputs[0] = this;
        System.arraycopy(others, 0, inputs, 1, others.length);
        return builder.apply(op, attrs, null, inputs);
    }

    private Value unary(OpCode op) {
        return apply(op, Attrs.NONE);
    }

    private Value binary(OpCode op, Value other) {
        return apply(op, Attrs.NONE, other);
    }

    private Value reduce(OpCode op, boolean keepDims, int... axes) {
        List<Integer> list = new ArrayList<>();
        for (int a : axes) {
            list.add(a);
        }
        return apply(op, new Attrs.Reduce(list, keepDims));
    }

    private Value scalar(double c) {
        return builder.constant(c, dtype());
    }

    @Override
    public String toString() {
        Node n = node();
        return n.label() + ":" + n.type();
    }
}
