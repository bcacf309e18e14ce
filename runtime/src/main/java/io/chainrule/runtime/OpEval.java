package io.chainrule.runtime;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Node;
import io.chainrule.ir.TensorType;

/**
 * The reference semantics of every op: one case per {@link io.chainrule.ir.OpCode}, with no default, so a new op does
 * not compile until it is given a meaning here. Elementwise ops take theirs from
 * {@link io.chainrule.ir.scalar.ScalarFunctions}, the table compiled loops and constant folding share; the others run
 * the kernel library compiled steps call ({@link ArrayKernels}). Each case returns a fresh tensor of the node's type.
 * Math is done in double and rounded once to the output dtype: elementwise results, and the accumulations of f32
 * reductions, matrix products, softmax and losses alike.
 */
final class OpEval {
    private OpEval() {
    }

    /** Evaluates {@code node} on its input tensors (in the node's input order). */
    static Tensor eval(Node node, Tensor[] in) {
        TensorType type = node.type();
        return switch (node.op()) {
            case INPUT, PARAMETER, STATE -> throw new IllegalStateException("inputs, parameters and state are fed, "
                    + "not evaluated");
            case CONSTANT -> Constant.of(type, node.attrs(Attrs.Constant.class).values());

            case NEG, ABS, EXP, LOG, LOG1P, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, GELU, ERF, STEP,
                    ADD, SUB, MUL, DIV, MAXIMUM, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
                    GREATER_EQUAL, WHERE -> Elementwise.apply(node, in);

            case SUM, MEAN, MAX -> ArrayKernels.reduce(node.op(), in[0], node.attrs(Attrs.Reduce.class).axes(), type);
            case ARGMAX -> ArrayKernels.argmax(in[0], node.attrs(Attrs.ArgMax.class).axis(), type);

            case MATMUL -> {
                Attrs.MatMul m = node.attrs(Attrs.MatMul.class);
                yield MatMul.matmul(in[0], in[1], m.transposeA(), m.transposeB(), type);
            }
            case TRANSPOSE -> Layout.transpose(in[0], node.attrs(Attrs.Permute.class).perm(), type);
            case RESHAPE -> Layout.reshape(in[0], type);
            case BROADCAST -> Layout.broadcast(in[0], type);

            case SOFTMAX -> ArrayKernels.softmax(in[0], node.attrs(Attrs.Axis.class).axis(), false);
            case LOG_SOFTMAX -> ArrayKernels.softmax(in[0], node.attrs(Attrs.Axis.class).axis(), true);

            case ONE_HOT -> ArrayKernels.oneHot(in[0], node.attrs(Attrs.OneHot.class).classes(), type);
            case GATHER -> ArrayKernels.gather(in[0], in[1], type);

            case CROSS_ENTROPY, NLL_LOSS, MSE_LOSS, BCE_LOSS -> ArrayKernels.loss(node.op(), in[0], in[1],
                    node.attrs(Attrs.Loss.class).reduction(), type);
        };
    }
}
