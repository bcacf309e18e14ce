package io.chainrule.codegen;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.runtime.testing.RandomPermutation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random f32 graphs for differential testing: a few inputs and parameters of random small shapes, then a random chain
 * of ops drawn from every family (elementwise with broadcasting, reductions, softmax, matmul with transposes,
 * layout, labels and losses), reduced to a scalar {@code loss}. Values stay in the ops' domains (logs of positive
 * values), so both backends see finite numbers. The same seed gives the same graph.
 */
final class RandomGraphs {
    private static final OpCode[] UNARY = {OpCode.NEG, OpCode.ABS, OpCode.EXP, OpCode.SQUARE, OpCode.TANH,
        OpCode.SIGMOID, OpCode.RELU, OpCode.LEAKY_RELU, OpCode.GELU, OpCode.ERF, OpCode.STEP, OpCode.LOG,
        OpCode.SQRT, OpCode.RECIPROCAL};
    private static final OpCode[] BINARY = {OpCode.ADD, OpCode.SUB, OpCode.MUL, OpCode.DIV, OpCode.MAXIMUM,
        OpCode.EQUAL, OpCode.NOT_EQUAL, OpCode.LESS, OpCode.LESS_EQUAL, OpCode.GREATER, OpCode.GREATER_EQUAL};

    private final SplittableRandom rng;
    private final GraphBuilder b;
    private final List<Value> pool = new ArrayList<>();
    private int params;

    private RandomGraphs(long seed) {
        rng = new SplittableRandom(seed);
        b = new GraphBuilder("random_" + Long.toUnsignedString(seed));
    }

    static Graph forward(long seed) {
        return new RandomGraphs(seed).build();
    }

    private Graph build() {
        pool.add(b.input("x", DType.F32, shape()));
        pool.add(param(shape()));
        int steps = 3 + rng.nextInt(10);
        for (int i = 0; i < steps; i++) {
            pool.add(step(pick()));
        }
        Value loss = pool.get(pool.size() - 1).mean();
        for (int i = 0; i < 2; i++) {
            loss = loss.add(pick().square().mean());
        }
        b.output("loss", loss);
        b.output("last", pool.get(pool.size() - 1));
        return b.build();
    }

    private Value step(Value x) {
        int family = rng.nextInt(10);
        return switch (family) {
            case 0, 1, 2 -> unary(x);
            case 3, 4 -> binary(x);
            case 5 -> reduce(x);
            case 6 -> x.shape().rank() >= 1 ? (rng.nextBoolean() ? x.softmax(axis(x)) : x.logSoftmax(axis(x))) : x;
            case 7 -> matmul(x);
            case 8 -> layout(x);
            default -> labelled(x);
        };
    }

    private Value unary(Value x) {
        OpCode op = UNARY[rng.nextInt(UNARY.length)];
        return switch (op) {
            case LOG, SQRT, RECIPROCAL -> x.abs().add(0.5).apply(op, Attrs.NONE);
            case EXP -> x.tanh().exp();
            case LEAKY_RELU -> x.leakyRelu(0.01 + rng.nextDouble() * 0.3);
            default -> x.apply(op, Attrs.NONE);
        };
    }

    private Value binary(Value x) {
        OpCode op = BINARY[rng.nextInt(BINARY.length)];
        Value y = rng.nextBoolean() ? param(broadcastable(x.shape())) : pick(x.shape());
        Value a = rng.nextBoolean() ? x : y;
        Value c = a == x ? y : x;
        if (op == OpCode.DIV) {
            c = c.abs().add(0.5);
        }
        Value r = a.apply(op, Attrs.NONE, c);
        return op.kind() == OpCode.Kind.COMPARE ? r.mul(x) : r;
    }

    private Value reduce(Value x) {
        int rank = x.shape().rank();
        List<Integer> axes = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            if (rng.nextInt(3) == 0) {
                axes.add(rng.nextBoolean() ? a : a - rank);
            }
        }
        OpCode op = new OpCode[] {OpCode.SUM, OpCode.MEAN, OpCode.MAX}[rng.nextInt(3)];
        return x.apply(op, new Attrs.Reduce(axes, rng.nextBoolean()));
    }

    private Value matmul(Value x) {
        Value m = x.shape().rank() == 2 ? x : x.reshape(x.shape().size() / lastDim(x), lastDim(x));
        boolean ta = rng.nextBoolean();
        boolean tb = rng.nextBoolean();
        Value a = ta ? m.transpose() : m;
        int k = m.shape().dim(1);
        int n = 1 + rng.nextInt(6);
        Value w = param(tb ? new int[] {n, k} : new int[] {k, n});
        Value product = a.matmul(w, ta, tb);
        if (rng.nextBoolean()) {
            product = product.add(param(n));
            if (rng.nextBoolean()) {
                product = product.relu();
            }
        }
        return product;
    }

    private Value layout(Value x) {
        int rank = x.shape().rank();
        return switch (rng.nextInt(3)) {
            case 0 -> rank >= 2 ? x.permute(RandomPermutation.of(rank, rng::nextInt)) : x.reshape(x.shape().size(), 1);
            case 1 -> x.reshape(x.shape().size());
            default -> x.broadcastTo(prepend(1 + rng.nextInt(3), x.shape().dims()));
        };
    }

    /** Integer labels feed one_hot, gather, cross-entropy or nll; the scores are x viewed as [N, C]. */
    private Value labelled(Value x) {
        Value scores = x.shape().rank() == 2 ? x : x.reshape(x.shape().size() / lastDim(x), lastDim(x));
        int rows = scores.shape().dim(0);
        int classes = scores.shape().dim(1);
        Value labels = b.input("labels" + params++, DType.I32, rows);
        Attrs.Reduction red = Attrs.Reduction.values()[rng.nextInt(3)];
        return switch (rng.nextInt(5)) {
            case 0 -> labels.oneHot(classes).mul(scores);
            case 1 -> scores.gather(labels);
            case 2 -> scores.loss(OpCode.CROSS_ENTROPY, labels, red);
            case 3 -> scores.logSoftmax(1).loss(OpCode.NLL_LOSS, labels, red);
            default -> scores.sigmoid().loss(rng.nextBoolean() ? OpCode.MSE_LOSS : OpCode.BCE_LOSS,
                    param(scores.shape().dims()).sigmoid(), red);
        };
    }

    private Value param(int... dims) {
        return b.parameter("p" + params++, new Initializer.Uniform(-1, 1), dims);
    }

    private Value pick() {
        return pool.get(rng.nextInt(pool.size()));
    }

    /** A pool value that broadcasts with {@code s}, or a new parameter that does. */
    private Value pick(Shape s) {
        Value v = pick();
        return io.chainrule.ir.ShapeRules.broadcastOrNull(v.shape(), s) != null ? v : param(broadcastable(s));
    }

    private int[] shape() {
        int rank = rng.nextInt(4);
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = 1 + rng.nextInt(6);
        }
        return d;
    }

    /** {@code s} with a random suffix kept and some axes set to 1. */
    private int[] broadcastable(Shape s) {
        int keep = rng.nextInt(s.rank() + 1);
        int[] d = new int[keep];
        for (int i = 0; i < keep; i++) {
            d[i] = rng.nextInt(3) == 0 ? 1 : s.dim(s.rank() - keep + i);
        }
        return d;
    }

    private int axis(Value x) {
        return rng.nextInt(x.shape().rank());
    }

    private static int lastDim(Value x) {
        return x.shape().rank() == 0 ? 1 : x.shape().dim(-1);
    }

    private static int[] prepend(int d, int[] dims) {
        int[] out = new int[dims.length + 1];
        out[0] = d;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }
}
