package io.chainrule.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape and dtype rule of every op, one case each. Called by {@link GraphBuilder} as each node is built; a
 * violation is a {@link ShapeException} naming the op, the node and the shapes.
 */
public final class ShapeRules {
    private ShapeRules() {
    }

    /**
     * The type of {@code op} applied to inputs of types {@code in}.
     *
     * @param label how messages name the node being built (its name or {@code %id})
     */
    static TensorType infer(OpCode op, Attrs attrs, List<TensorType> in, String label) {
        Check c = new Check(op, attrs, label, in);
        return switch (op) {
            case INPUT, PARAMETER, STATE, CONSTANT -> throw new IllegalStateException("sources carry their declared type");
            case NEG, ABS, EXP, LOG, LOG1P, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, GELU, ERF,
                    STEP -> {
                c.floating(0);
                yield in.get(0);
            }
            case ADD, SUB, MUL, DIV, MAXIMUM -> {
                c.floating(0);
                c.sameDtype();
                yield new TensorType(in.get(0).dtype(), c.broadcast());
            }
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
                c.sameDtype();
                yield new TensorType(in.get(0).dtype(), c.broadcast());
            }
            case WHERE -> {
                c.floating(0);
                c.sameDtype();
                yield new TensorType(in.get(0).dtype(), c.broadcast());
            }
            case SUM, MEAN, MAX -> {
                c.floating(0);
                Attrs.Reduce r = (Attrs.Reduce) attrs;
                yield new TensorType(in.get(0).dtype(), reduced(c, in.get(0).shape(), r.axes(), r.keepDims()));
            }
            case ARGMAX -> {
                c.floating(0);
                Attrs.ArgMax a = (Attrs.ArgMax) attrs;
                yield new TensorType(DType.I32, reduced(c, in.get(0).shape(), List.of(a.axis()), a.keepDims()));
            }
            case MATMUL -> matmul(c, (Attrs.MatMul) attrs, in);
            case TRANSPOSE -> new TensorType(in.get(0).dtype(), transpose(c, in.get(0).shape(), (Attrs.Permute) attrs));
            case RESHAPE -> {
                Shape target = ((Attrs.Target) attrs).shape();
                if (target.size() != in.get(0).shape().size()) {
                    throw c.fail("cannot reshape " + in.get(0).shape().size() + " elements to " + target
                            + " (" + target.size() + " elements)");
                }
                yield new TensorType(in.get(0).dtype(), target);
            }
            case BROADCAST -> {
                Shape target = ((Attrs.Target) attrs).shape();
                Shape got = broadcastOrNull(in.get(0).shape(), target);
                if (!target.equals(got)) {
                    throw c.fail("cannot broadcast to " + target);
                }
                yield new TensorType(in.get(0).dtype(), target);
            }
            case SOFTMAX, LOG_SOFTMAX -> {
                c.floating(0);
                c.axis(in.get(0).shape(), ((Attrs.Axis) attrs).axis());
                yield in.get(0);
            }
            case ONE_HOT -> {
                Attrs.OneHot o = (Attrs.OneHot) attrs;
                c.dtype(0, DType.I32);
                if (o.classes() <= 0 || !o.dtype().isFloating()) {
                    throw c.fail("one_hot needs a positive class count and a floating dtype, got " + o);
                }
                int[] d = Arrays.copyOf(in.get(0).shape().dims(), in.get(0).shape().rank() + 1);
                d[d.length - 1] = o.classes();
                yield new TensorType(o.dtype(), Shape.of(d));
            }
            case GATHER -> {
                labelled(c, in);
                yield new TensorType(in.get(0).dtype(), Shape.of(in.get(0).shape().dim(0)));
            }
            case CROSS_ENTROPY, NLL_LOSS -> {
                labelled(c, in);
                yield loss(in.get(0).dtype(), (Attrs.Loss) attrs, Shape.of(in.get(0).shape().dim(0)));
            }
            case MSE_LOSS, BCE_LOSS -> {
                c.floating(0);
                c.sameDtype();
                if (!in.get(0).shape().equals(in.get(1).shape())) {
                    throw c.fail("input and target shapes differ");
                }
                yield loss(in.get(0).dtype(), (Attrs.Loss) attrs, in.get(0).shape());
            }
        };
    }

    /** NumPy broadcasting of two shapes, or null when they do not broadcast. */
    public static Shape broadcastOrNull(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dim(-i) : 1;
            int db = i <= b.rank() ? b.dim(-i) : 1;
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** The axes of a reduction, normalized and sorted; empty input means every axis. */
    public static int[] reduceAxes(Shape shape, List<Integer> axes) {
        if (axes.isEmpty()) {
            int[] all = new int[shape.rank()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return axes.stream().mapToInt(shape::axis).sorted().toArray();
    }

    private static Shape reduced(Check c, Shape in, List<Integer> axes, boolean keepDims) {
        int[] ax;
        try {
            ax = reduceAxes(in, axes);
        } catch (IllegalArgumentException e) {
            throw c.fail(e.getMessage());
        }
        for (int i = 1; i < ax.length; i++) {
            if (ax[i] == ax[i - 1]) {
                throw c.fail("axis " + ax[i] + " is listed twice");
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int d = 0, j = 0; d < in.rank(); d++) {
            boolean reducedAxis = j < ax.length && ax[j] == d;
            if (reducedAxis) {
                j++;
                if (keepDims) {
                    out.add(1);
                }
            } else {
                out.add(in.dim(d));
            }
        }
        return Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static TensorType matmul(Check c, Attrs.MatMul m, List<TensorType> in) {
        Shape a = in.get(0).shape();
        Shape b = in.get(1).shape();
        c.floating(0);
        c.sameDtype();
        if (a.rank() != 2 || b.rank() != 2) {
            throw c.fail("matmul needs two matrices (rank 2)");
        }
        int m0 = m.transposeA() ? a.dim(1) : a.dim(0);
        int ka = m.transposeA() ? a.dim(0) : a.dim(1);
        int kb = m.transposeB() ? b.dim(1) : b.dim(0);
        int n = m.transposeB() ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw c.fail("inner dimensions " + ka + " and " + kb + " differ");
        }
        return new TensorType(in.get(0).dtype(), Shape.of(m0, n));
    }

    private static Shape transpose(Check c, Shape in, Attrs.Permute p) {
        List<Integer> perm = p.perm();
        if (perm.size() != in.rank() || !perm.stream().sorted().toList().equals(range(in.rank()))) {
            throw c.fail("permutation " + perm + " does not match rank " + in.rank());
        }
        int[] out = new int[in.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.dim(perm.get(i));
        }
        return Shape.of(out);
    }

    private static void labelled(Check c, List<TensorType> in) {
        c.floating(0);
        c.dtype(1, DType.I32);
        Shape x = in.get(0).shape();
        Shape y = in.get(1).shape();
        if (x.rank() != 2 || y.rank() != 1 || x.dim(0) != y.dim(0)) {
            throw c.fail("expected scores [N,C] and i32 labels [N]");
        }
    }

    private static TensorType loss(DType dtype, Attrs.Loss l, Shape perExample) {
        return new TensorType(dtype, l.reduction() == Attrs.Reduction.NONE ? perExample : Shape.SCALAR);
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    /** Builds the one-line messages: {@code <op> <node>: <input shapes>: <reason>}. */
    private record Check(OpCode op, Attrs attrs, String label, List<TensorType> in) {
        ShapeException fail(String reason) {
            return new ShapeException(op.text() + " " + label + ": " + operands() + ": " + reason);
        }

        private String operands() {
            if (attrs instanceof Attrs.MatMul m) {
                return in.get(0).shape() + (m.transposeA() ? "^T" : "") + " x " + in.get(1).shape()
                        + (m.transposeB() ? "^T" : "");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < in.size(); i++) {
                sb.append(i == 0 ? "" : " and ").append(in.get(i));
            }
            return sb.toString();
        }

        void floating(int i) {
            if (!in.get(i).dtype().isFloating()) {
                throw fail("needs a floating dtype, got " + in.get(i).dtype());
            }
        }

        void dtype(int i, DType expected) {
            if (in.get(i).dtype() != expected) {
                throw fail("operand " + i + " must be " + expected + ", got " + in.get(i).dtype());
            }
        }

        void sameDtype() {
            for (int i = 1; i < in.size(); i++) {
                if (in.get(0).dtype() != in.get(i).dtype()) {
                    throw fail("dtypes " + in.get(0).dtype() + " and " + in.get(i).dtype() + " differ");
                }
            }
        }

        /** The shape every operand broadcasts to, by NumPy's rules. */
        Shape broadcast() {
            Shape s = in.get(0).shape();
            for (int i = 1; i < in.size() && s != null; i++) {
                s = broadcastOrNull(s, in.get(i).shape());
            }
            if (s == null) {
                throw fail("shapes do not broadcast");
            }
            return s;
        }

        void axis(Shape s, int axis) {
            try {
                s.axis(axis);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
    }
}
