package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.ShapeRules;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The vector-Jacobian product of every op, one case each (tinygrad's gradient table, JAX's transpose rules): given
 * the forward inputs {@code x}, the output {@code y} and the upstream gradient {@code g} (shaped as y), the gradient
 * for each input, built from ordinary ops so that it can be printed, compiled and differentiated again. A null entry
 * means no gradient flows to that input (integer labels); a null array means the op has no gradient at all.
 */
final class VjpRules {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** PyTorch's floor for p(1-p) in BCELoss's gradient. */
    private static final double BCE_EPSILON = 1e-12;

    private VjpRules() {
    }

    static Value[] vjp(Node node, Value[] x, Value y, Value g) {
        return switch (node.op()) {
            case INPUT, PARAMETER, STATE, CONSTANT -> new Value[0];
            case NEG -> of(g.neg());
            case ABS -> of(g.mul(x[0].gt(zero(x[0])).sub(x[0].lt(zero(x[0])))));
            case EXP -> of(g.mul(y));
            case LOG -> of(g.div(x[0]));
            case LOG1P -> of(g.div(x[0].add(1)));
            case SQRT -> of(g.div(y.mul(2)));
            case SQUARE -> of(g.mul(x[0].mul(2)));
            case RECIPROCAL -> of(g.mul(y.square()).neg());
            case TANH -> of(g.mul(y.square().neg().add(1)));
            case SIGMOID -> of(g.mul(y.mul(y.neg().add(1))));
            case RELU -> of(g.mul(y.gt(0))); // the output's mask: x then has one reader, so a matmul can fuse relu
            case LEAKY_RELU -> of(g.mul(leakySlope(x[0], node.attrs(Attrs.Alpha.class).alpha())));
            case GELU -> of(g.mul(geluSlope(x[0])));
            case ERF -> of(g.mul(x[0].square().neg().exp().mul(2 / Math.sqrt(Math.PI))));
            case STEP, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, ARGMAX -> null;
            case ADD -> of(unbroadcast(g, x[0]), unbroadcast(g, x[1]));
            case SUB -> of(unbroadcast(g, x[0]), unbroadcast(g.neg(), x[1]));
            case MUL -> of(unbroadcast(g.mul(x[1]), x[0]), unbroadcast(g.mul(x[0]), x[1]));
            case DIV -> of(unbroadcast(g.div(x[1]), x[0]), unbroadcast(g.mul(y).div(x[1]).neg(), x[1]));
            case MAXIMUM -> of(unbroadcast(g.mul(winner(x[0], x[1])), x[0]),
                    unbroadcast(g.mul(winner(x[1], x[0])), x[1]));
            // the condition is a mask: no gradient reaches it, so a comparison the user wrote to make it is no error
            case WHERE -> new Value[] {null, unbroadcast(x[0].where(g, zero(g)), x[1]),
                    unbroadcast(x[0].where(zero(g), g), x[2])};
            case SUM -> of(expand(g, x[0], node.attrs(Attrs.Reduce.class)));
            case MEAN -> of(expand(g, x[0], node.attrs(Attrs.Reduce.class))
                    .div(x[0].shape().size() / Math.max(1, y.shape().size())));
            case MAX -> of(maxGrad(x[0], y, g, node.attrs(Attrs.Reduce.class)));
            case MATMUL -> matmul(x[0], x[1], g, node.attrs(Attrs.MatMul.class));
            case TRANSPOSE -> of(g.permute(inverse(node.attrs(Attrs.Permute.class).perm())));
            case RESHAPE -> of(g.reshape(x[0].shape().dims()));
            case BROADCAST -> of(unbroadcast(g, x[0]));
            case SOFTMAX -> of(y.mul(g.sub(g.mul(y).sumKeepDims(axis(node)))));
            case LOG_SOFTMAX -> of(g.sub(y.exp().mul(g.sumKeepDims(axis(node)))));
            case ONE_HOT -> new Value[] {null};
            case GATHER -> new Value[] {g.reshape(-1, 1).mul(oneHotLike(x[1], x[0])), null};
            case CROSS_ENTROPY -> new Value[] {perRow(x[0].softmax(1).sub(oneHotLike(x[1], x[0])), g, node), null};
            case NLL_LOSS -> new Value[] {perRow(oneHotLike(x[1], x[0]).neg(), g, node), null};
            case MSE_LOSS -> {
                Value d = elementwise(x[0].sub(x[1]).mul(2), g, node);
                yield of(d, d.neg());
            }
            case BCE_LOSS -> of(elementwise(bceInputSlope(x[0], x[1]), g, node),
                    elementwise(clampedLog(x[0].neg().add(1)).sub(clampedLog(x[0])), g, node));
        };
    }

    private static Value[] of(Value... grads) {
        return grads;
    }

    private static Value zero(Value like) {
        return like.builder().constant(0, like.dtype());
    }

    private static int axis(Node node) {
        return node.attrs(Attrs.Axis.class).axis();
    }

    /** 1 where x > 0, alpha elsewhere, both exact (mask (1 - alpha) + alpha rounds to 0.99999994 for some alpha). */
    private static Value leakySlope(Value x, double alpha) {
        return x.gt(0).where(x.builder().constant(1, x.dtype()), x.builder().constant(alpha, x.dtype()));
    }

    /** d/dx x Phi(x) = Phi(x) + x phi(x). */
    private static Value geluSlope(Value x) {
        Value cdf = x.mul(Math.sqrt(0.5)).erf().add(1).mul(0.5);
        Value pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
        return cdf.add(x.mul(pdf));
    }

    /** PyTorch's maximum splits the gradient of a tie evenly: 1 where a wins, 0.5 on ties. */
    private static Value winner(Value a, Value b) {
        return a.gt(b).add(a.eq(b).mul(0.5));
    }

    /** The gradient of a max reduction goes to the maxima, split evenly between ties (as torch.amax). */
    private static Value maxGrad(Value x, Value y, Value g, Attrs.Reduce r) {
        Value mask = x.eq(expand(y, x, r));
        Value count = expand(mask.sumKeepDims(ShapeRules.reduceAxes(x.shape(), r.axes())), x,
                new Attrs.Reduce(r.axes(), true));
        return mask.mul(expand(g, x, r)).div(count);
    }

    private static Value[] matmul(Value a, Value b, Value g, Attrs.MatMul m) {
        Value da = m.transposeA() ? b.matmul(g, m.transposeB(), true) : g.matmul(b, false, !m.transposeB());
        Value db = m.transposeB() ? g.matmul(a, true, m.transposeA()) : a.matmul(g, !m.transposeA(), false);
        return of(da, db);
    }

    /** Sums g over the axes along which {@code x} was broadcast, giving x's shape. */
    static Value unbroadcast(Value g, Value x) {
        Shape target = x.shape();
        Shape from = g.shape();
        if (from.equals(target)) {
            return g;
        }
        int lead = from.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < from.rank(); i++) {
            if (i < lead || (target.dim(i - lead) == 1 && from.dim(i) != 1)) {
                axes.add(i);
            }
        }
        Value summed = axes.isEmpty() ? g : g.sum(axes.stream().mapToInt(Integer::intValue).toArray());
        return summed.shape().equals(target) ? summed : summed.reshape(target.dims());
    }

    /** Broadcasts a reduction's result (or its gradient) back to the reduced input's shape. */
    private static Value expand(Value reduced, Value x, Attrs.Reduce r) {
        Value kept = r.keepDims() ? reduced : reduced.reshape(keptShape(x, r).dims());
        return kept.shape().equals(x.shape()) ? kept : kept.broadcastTo(x.shape().dims());
    }

    private static Shape keptShape(Value x, Attrs.Reduce r) {
        int[] dims = x.shape().dims();
        for (int a : ShapeRules.reduceAxes(x.shape(), r.axes())) {
            dims[a] = 1;
        }
        return Shape.of(dims);
    }

    private static int[] inverse(List<Integer> perm) {
        int[] inv = new int[perm.size()];
        for (int i = 0; i < inv.length; i++) {
            inv[perm.get(i)] = i;
        }
        return inv;
    }

    private static Value oneHotLike(Value labels, Value scores) {
        return labels.oneHot(scores.shape().dim(1), scores.dtype());
    }

    /** Scales a per-row loss slope [N, C] by the upstream gradient of the reduced loss. */
    private static Value perRow(Value slope, Value g, Node loss) {
        return switch (loss.attrs(Attrs.Loss.class).reduction()) {
            case MEAN -> slope.mul(g.div(slope.shape().dim(0)));
            case SUM -> slope.mul(g);
            case NONE -> slope.mul(g.reshape(-1, 1));
        };
    }

    /** Scales an elementwise loss slope by the upstream gradient of the reduced loss. */
    private static Value elementwise(Value slope, Value g, Node loss) {
        return switch (loss.attrs(Attrs.Loss.class).reduction()) {
            case MEAN -> slope.mul(g.div(slope.shape().size()));
            case SUM, NONE -> slope.mul(g);
        };
    }

    /** (p - t) / max(p (1 - p), eps), as PyTorch's binary_cross_entropy_backward. */
    private static Value bceInputSlope(Value p, Value t) {
        return p.sub(t).div(p.mul(p.neg().add(1)).maximum(BCE_EPSILON));
    }

    /** log clamped at -100, as BCELoss. */
    private static Value clampedLog(Value v) {
        return v.log().maximum(-100);
    }
}
