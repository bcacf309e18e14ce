package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.List;

/**
 * Removes operations that change nothing: x*1, x/1, x+0, x-0, 0+x, 1*x, neg(neg(x)), a transpose of a transpose, a
 * reshape of a reshape, a reshape or broadcast to the same shape; reads a transposed matmul operand in place
 * instead of transposing it; and turns the softmax of log-probabilities into their exp. A rewrite applies only when
 * the result has exactly the node's type, so broadcasting by the identity element is kept. One of the
 * {@link Simplifier}'s rules.
 */
final class AlgebraicIdentities {
    private AlgebraicIdentities() {
    }

    /** The existing value {@code n} reduces to, or null; named nodes stay. */
    static Value simplify(Node n, Value[] in) {
        if (n.name() != null) {
            return null;
        }
        Value r = switch (n.op()) {
            case MUL -> identity(in, 1, true);
            case ADD -> identity(in, 0, true);
            case DIV -> identity(in, 1, false);
            case SUB -> identity(in, 0, false);
            case NEG -> in[0].node().op() == OpCode.NEG ? in[0].builder().value(in[0].node().input(0)) : null;
            case RESHAPE, BROADCAST -> layout(n, in[0]);
            case TRANSPOSE -> transposeOfTranspose(n, in[0]);
            case MATMUL -> matmulOfTranspose(n, in);
            case SOFTMAX -> softmaxOfLogProbabilities(n, in[0]);
            default -> null;
        };
        return r != null && r.node().type().equals(n.type()) ? r : null;
    }

    /** x op e = x for the identity element e; also e op x when the op commutes. */
    private static Value identity(Value[] in, double e, boolean commutes) {
        if (isUniform(in[1], e)) {
            return in[0];
        }
        return commutes && isUniform(in[0], e) ? in[1] : null;
    }

    private static boolean isUniform(Value v, double e) {
        Double c = ConstantFolding.uniformValue(v.node());
        return c != null && c == e;
    }

    private static Value layout(Node n, Value x) {
        if (x.shape().equals(n.shape())) {
            return x;
        }
        if (n.op() == OpCode.RESHAPE && x.node().op() == OpCode.RESHAPE) {
            return x.builder().value(x.node().input(0)).reshape(n.shape().dims());
        }
        return null;
    }

    /** Log-probabilities already sum to one in exp space: softmax(log_softmax(x)) = exp(log_softmax(x)). */
    private static Value softmaxOfLogProbabilities(Node n, Value x) {
        boolean logProbs = x.node().op() == OpCode.LOG_SOFTMAX
                && x.node().attrs(Attrs.Axis.class).equals(n.attrs(Attrs.Axis.class));
        return logProbs ? x.exp() : null;
    }

    private static Value transposeOfTranspose(Node n, Value x) {
        if (x.node().op() != OpCode.TRANSPOSE) {
            return null;
        }
        List<Integer> outer = n.attrs(Attrs.Permute.class).perm();
        List<Integer> inner = x.node().attrs(Attrs.Permute.class).perm();
        int[] composed = new int[outer.size()];
        boolean identity = true;
        for (int i = 0; i < composed.length; i++) {
            composed[i] = inner.get(outer.get(i));
            identity &= composed[i] == i;
        }
        Value source = x.builder().value(x.node().input(0));
        return identity ? source : source.permute(composed);
    }

    private static Value matmulOfTranspose(Node n, Value[] in) {
        Attrs.MatMul m = n.attrs(Attrs.MatMul.class);
        boolean ta = isSwap(in[0]);
        boolean tb = isSwap(in[1]);
        if (!ta && !tb) {
            return null;
        }
        Value a = ta ? in[0].builder().value(in[0].node().input(0)) : in[0];
        Value b = tb ? in[1].builder().value(in[1].node().input(0)) : in[1];
        return a.matmul(b, m.transposeA() ^ ta, m.transposeB() ^ tb);
    }

    private static boolean isSwap(Value v) {
        return v.node().op() == OpCode.TRANSPOSE && v.node().attrs(Attrs.Permute.class).perm().equals(List.of(1, 0));
    }
}
