package io.chainrule.runtime;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Node;
import io.chainrule.ir.TensorType;

/**
 * The reference semantics of every op: one case per {@link io.chainrule.ir.OpCode}, with no default, so a new op does
 * not compile until it is given a meaning here. Each case returns a fresh tensor of the node's type. Math is done in
 * double and rounded once to the output dtype: elementwise results, and the accumulations of f32 reductions, matrix
 * products, softmax and losses alike.
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

            case NEG -> Elementwise.unary(in[0], ScalarOps::neg);
            case ABS -> Elementwise.unary(in[0], ScalarOps::abs);
            case EXP -> Elementwise.unary(in[0], ScalarOps::exp);
            case LOG -> Elementwise.unary(in[0], ScalarOps::log);
            case SQRT -> Elementwise.unary(in[0], ScalarOps::sqrt);
            case SQUARE -> Elementwise.unary(in[0], ScalarOps::square);
            case RECIPROCAL -> Elementwise.unary(in[0], ScalarOps::reciprocal);
            case TANH -> Elementwise.unary(in[0], type.dtype() == io.chainrule.ir.DType.F32
                    ? x -> FloatMath.tanh((float) x) : ScalarOps::tanh);
            case SIGMOID -> Elementwise.unary(in[0], ScalarOps::sigmoid);
            case RELU -> Elementwise.unary(in[0], ScalarOps::relu);
            case LEAKY_RELU -> {
                double alpha = node.attrs(Attrs.Alpha.class).alpha();
                yield Elementwise.unary(in[0], x -> ScalarOps.leakyRelu(x, alpha));
            }
            case GELU -> Elementwise.unary(in[0], ScalarOps::gelu);
            case GELU_TANH -> Elementwise.unary(in[0], ScalarOps::geluTanh);
            case SILU -> Elementwise.unary(in[0], ScalarOps::silu);
            case ERF -> Elementwise.unary(in[0], ScalarOps::erf);
            case STEP -> Elementwise.unary(in[0], ScalarOps::step);

            case ADD -> Elementwise.binary(in[0], in[1], type, ScalarOps::add);
            case SUB -> Elementwise.binary(in[0], in[1], type, ScalarOps::sub);
            case MUL -> Elementwise.binary(in[0], in[1], type, ScalarOps::mul);
            case DIV -> Elementwise.binary(in[0], in[1], type, ScalarOps::div);
            case MAXIMUM -> Elementwise.binary(in[0], in[1], type, ScalarOps::maximum);

            case EQUAL -> Elementwise.binary(in[0], in[1], type, ScalarOps::equal);
            case NOT_EQUAL -> Elementwise.binary(in[0], in[1], type, ScalarOps::notEqual);
            case LESS -> Elementwise.binary(in[0], in[1], type, ScalarOps::less);
            case LESS_EQUAL -> Elementwise.binary(in[0], in[1], type, ScalarOps::lessEqual);
            case GREATER -> Elementwise.binary(in[0], in[1], type, ScalarOps::greater);
            case GREATER_EQUAL -> Elementwise.binary(in[0], in[1], type, ScalarOps::greaterEqual);

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
