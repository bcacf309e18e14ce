package io.chainrule.runtime;

import static io.chainrule.ir.OpCode.ARGMAX;
import static io.chainrule.ir.OpCode.CONSTANT;
import static io.chainrule.ir.OpCode.EQUAL;
import static io.chainrule.ir.OpCode.GREATER;
import static io.chainrule.ir.OpCode.GREATER_EQUAL;
import static io.chainrule.ir.OpCode.INPUT;
import static io.chainrule.ir.OpCode.LESS;
import static io.chainrule.ir.OpCode.LESS_EQUAL;
import static io.chainrule.ir.OpCode.NOT_EQUAL;
import static io.chainrule.ir.OpCode.ONE_HOT;
import static io.chainrule.ir.OpCode.PARAMETER;
import static io.chainrule.ir.OpCode.STATE;
import static io.chainrule.ir.OpCode.STEP;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Random gradient-check cases for every differentiable op, one small builder per op family. Values stay where each op
 * is smooth, at least a finite-difference step away from any kink or tie, so that central differences are exact to
 * rounding there.
 */
final class GradientCases {
    static final Set<OpCode> SOURCES = EnumSet.of(INPUT, PARAMETER, STATE, CONSTANT);
    /** Piecewise constant: differentiating through them is an error unless zero gradients are allowed. */
    static final Set<OpCode> WITHOUT_GRADIENT = EnumSet.of(STEP, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
            GREATER_EQUAL, ARGMAX);
    /** Its only operand is i32 labels, which have no gradient. */
    static final Set<OpCode> INTEGER_OPERAND_ONLY = EnumSet.of(ONE_HOT);

    /** Shape pairs that broadcast each way NumPy allows: 1 against n, missing leading axes, a scalar, both at once. */
    private static final int[][][] BROADCAST_PAIRS = {
        {{2, 3}, {2, 3}}, {{3, 1}, {1, 4}}, {{2, 3}, {3}}, {{}, {2, 3}}, {{4, 1, 3}, {2, 1}},
    };

    private GradientCases() {
    }

    /** The cases for {@code op} drawn with {@code seed}; none for an op without a gradient or without a builder. */
    static List<GradientCase> of(OpCode op, long seed) {
        // Seeded by the op's name too, so that each op draws its own cases and adding an op changes no other's.
        RandomTensors rnd = new RandomTensors(31 * seed + op.name().hashCode());
        return switch (op) {
            case NEG, ABS, EXP, LOG, LOG1P, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, GELU,
                    ERF -> unary(op, rnd);
            case ADD, SUB, MUL, DIV, MAXIMUM -> binary(op, rnd);
            case WHERE -> where(rnd);
            case SUM, MEAN, MAX -> reductions(op, rnd);
            case MATMUL -> matmul(rnd);
            case TRANSPOSE -> transpose(rnd);
            case RESHAPE -> reshape(rnd);
            case BROADCAST -> broadcast(rnd);
            case SOFTMAX, LOG_SOFTMAX -> normalizations(op, rnd);
            case GATHER -> gather(rnd);
            case CROSS_ENTROPY, NLL_LOSS -> labelledLosses(op, rnd);
            case MSE_LOSS, BCE_LOSS -> pairedLosses(op, rnd);
            default -> List.of();
        };
    }

    private static List<GradientCase> unary(OpCode op, RandomTensors rnd) {
        List<GradientCase> cases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CaseGraph c = new CaseGraph(rnd);
            Value x = c.input("x", unaryOperand(op, rnd, rnd.shape(1, 3)));
            Attrs attrs = op == OpCode.LEAKY_RELU ? new Attrs.Alpha(rnd.between(0.01, 0.5)) : Attrs.NONE;
            cases.add(c.lossOf(x.apply(op, attrs)));
        }
        return cases;
    }

    private static Tensor unaryOperand(OpCode op, RandomTensors rnd, int[] dims) {
        return switch (op) {
            case LOG, SQRT, RECIPROCAL -> rnd.uniform(dims, 0.2, 3);
            case LOG1P -> rnd.uniform(dims, -0.8, 3);
            case ABS, RELU, LEAKY_RELU -> rnd.awayFromZero(dims, 0.1, 3);
            default -> rnd.uniform(dims, -3, 3);
        };
    }

    /** Each fixed pair both ways round, and two random broadcast-compatible pairs. */
    private static List<GradientCase> binary(OpCode op, RandomTensors rnd) {
        List<int[][]> pairs = new ArrayList<>();
        for (int[][] p : BROADCAST_PAIRS) {
            pairs.add(p);
            pairs.add(new int[][] {p[1], p[0]});
        }
        for (int i = 0; i < 2; i++) {
            int[] out = rnd.shape(1, 3);
            pairs.add(new int[][] {rnd.broadcastableTo(out), rnd.broadcastableTo(out)});
        }
        return pairs.stream().map(p -> binaryCase(op, rnd, p[0], p[1])).toList();
    }

    /**
     * where(a > b, a, c), all three broadcast: the mask comes from a comparison of differentiated inputs, which must
     * pass no gradient (and raise no error), and the spread values keep a step from flipping it.
     */
    private static List<GradientCase> where(RandomTensors rnd) {
        List<GradientCase> cases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int[] out = rnd.shape(1, 3);
            Tensor[] operands = rnd.spread(rnd.broadcastableTo(out), rnd.broadcastableTo(out), out);
            CaseGraph c = new CaseGraph(rnd);
            Value a = c.input("a", operands[0]);
            Value b = c.input("b", operands[1]);
            cases.add(c.lossOf(a.gt(b).where(a, c.input("c", operands[2]))));
        }
        return cases;
    }

    private static GradientCase binaryCase(OpCode op, RandomTensors rnd, int[] aDims, int[] bDims) {
        Tensor[] operands = switch (op) {
            case MAXIMUM -> rnd.spread(aDims, bDims);
            case DIV -> new Tensor[] {rnd.uniform(aDims, -3, 3), rnd.awayFromZero(bDims, 0.5, 3)};
            default -> new Tensor[] {rnd.uniform(aDims, -3, 3), rnd.uniform(bDims, -3, 3)};
        };
        CaseGraph c = new CaseGraph(rnd);
        Value a = c.input("a", operands[0]);
        return c.lossOf(a.apply(op, Attrs.NONE, c.input("b", operands[1])));
    }

    /** Random axes and all axes, each with and without keepDims. */
    private static List<GradientCase> reductions(OpCode op, RandomTensors rnd) {
        List<GradientCase> cases = new ArrayList<>();
        for (boolean keepDims : new boolean[] {false, true}) {
            for (boolean allAxes : new boolean[] {false, true}) {
                int[] dims = rnd.shape(1, 3);
                List<Integer> axes = allAxes ? List.of() : someAxes(rnd, dims.length);
                CaseGraph c = new CaseGraph(rnd);
                Value x = c.input("x", op == OpCode.MAX ? rnd.spread(dims)[0] : rnd.uniform(dims, -3, 3));
                cases.add(c.lossOf(x.apply(op, new Attrs.Reduce(axes, keepDims))));
            }
        }
        return cases;
    }

    /** A nonempty subset of the axes, each written positive or negative. */
    private static List<Integer> someAxes(RandomTensors rnd, int rank) {
        List<Integer> axes = new ArrayList<>();
        int first = rnd.index(rank);
        for (int a = 0; a < rank; a++) {
            if (a == first || rnd.coin()) {
                axes.add(rnd.axis(a, rank));
            }
        }
        return axes;
    }

    private static List<GradientCase> matmul(RandomTensors rnd) {
        List<GradientCase> cases = new ArrayList<>();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int m = rnd.dim();
                int k = rnd.dim();
                int n = rnd.dim();
                CaseGraph c = new CaseGraph(rnd);
                Value a = c.input("a", rnd.uniform(ta ? new int[] {k, m} : new int[] {m, k}, -3, 3));
                Value b = c.input("b", rnd.uniform(tb ? new int[] {n, k} : new int[] {k, n}, -3, 3));
                cases.add(c.lossOf(a.matmul(b, ta, tb)));
            }
        }
        return cases;
    }

    private static List<GradientCase> transpose(RandomTensors rnd) {
        return twice(() -> {
            CaseGraph c = new CaseGraph(rnd);
            int[] dims = rnd.shape(1, 3);
            return c.lossOf(c.input("x", rnd.uniform(dims, -3, 3)).permute(rnd.permutation(dims.length)));
        });
    }

    private static List<GradientCase> reshape(RandomTensors rnd) {
        return twice(() -> {
            CaseGraph c = new CaseGraph(rnd);
            int[] dims = rnd.shape(1, 3);
            return c.lossOf(c.input("x", rnd.uniform(dims, -3, 3)).reshape(rnd.sameSize(dims)));
        });
    }

    private static List<GradientCase> broadcast(RandomTensors rnd) {
        return twice(() -> {
            CaseGraph c = new CaseGraph(rnd);
            int[] out = rnd.shape(1, 3);
            return c.lossOf(c.input("x", rnd.uniform(rnd.broadcastableTo(out), -3, 3)).broadcastTo(out));
        });
    }

    /** Softmax and log-softmax along each axis of a random shape. */
    private static List<GradientCase> normalizations(OpCode op, RandomTensors rnd) {
        int[] dims = rnd.shape(1, 3);
        List<GradientCase> cases = new ArrayList<>();
        for (int a = 0; a < dims.length; a++) {
            CaseGraph c = new CaseGraph(rnd);
            Value x = c.input("x", rnd.uniform(dims, -3, 3));
            cases.add(c.lossOf(x.apply(op, new Attrs.Axis(rnd.axis(a, dims.length)))));
        }
        return cases;
    }

    private static List<GradientCase> gather(RandomTensors rnd) {
        return twice(() -> {
            CaseGraph c = new CaseGraph(rnd);
            int n = rnd.dim();
            int classes = rnd.dim();
            Value x = c.input("x", rnd.uniform(new int[] {n, classes}, -3, 3));
            return c.lossOf(x.gather(c.labels(n, classes)));
        });
    }

    /** Cross-entropy (on logits) and NLL (on log-probabilities) with each reduction. */
    private static List<GradientCase> labelledLosses(OpCode op, RandomTensors rnd) {
        return Arrays.stream(Attrs.Reduction.values()).map(reduction -> {
            CaseGraph c = new CaseGraph(rnd);
            int n = rnd.dim();
            int classes = rnd.dim();
            double high = op == OpCode.NLL_LOSS ? 0 : 3;
            Value x = c.input("input", rnd.uniform(new int[] {n, classes}, -3, high));
            return c.lossOf(x.loss(op, c.labels(n, classes), reduction));
        }).toList();
    }

    /** MSE and BCE with each reduction, differentiated with respect to both input and target. */
    private static List<GradientCase> pairedLosses(OpCode op, RandomTensors rnd) {
        return Arrays.stream(Attrs.Reduction.values()).map(reduction -> {
            CaseGraph c = new CaseGraph(rnd);
            int[] dims = rnd.shape(1, 3);
            // BCE: probabilities away from 0 and 1, where its logs are clamped and its slope blows up.
            Value input = c.input("input", op == OpCode.BCE_LOSS ? rnd.uniform(dims, 0.05, 0.95)
                    : rnd.uniform(dims, -3, 3));
            Value target = c.input("target", op == OpCode.BCE_LOSS ? rnd.uniform(dims, 0, 1)
                    : rnd.uniform(dims, -3, 3));
            return c.lossOf(input.loss(op, target, reduction));
        }).toList();
    }

    private static List<GradientCase> twice(Supplier<GradientCase> draw) {
        return List.of(draw.get(), draw.get());
    }
}
