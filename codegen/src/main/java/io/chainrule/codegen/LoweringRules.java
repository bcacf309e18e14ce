package io.chainrule.codegen;

import io.chainrule.ir.OpCode;

/**
 * How each op is lowered, one case per op (the codegen column of the per-op tables): fed from the caller, folded into
 * the code as a literal, an alias of its input's buffer, a step of a fused elementwise loop (calling the
 * {@link io.chainrule.ir.scalar.ScalarFunctions} method that computes one element, shared with the interpreter), or a
 * call into the kernel library the interpreter also runs.
 */
final class LoweringRules {
    private LoweringRules() {
    }

    enum Lowering {
        FED, CONSTANT, ALIAS, ELEMENTWISE, CALL
    }

    static Lowering of(OpCode op) {
        return switch (op) {
            case INPUT, PARAMETER, STATE -> Lowering.FED;
            case CONSTANT -> Lowering.CONSTANT;
            case RESHAPE -> Lowering.ALIAS;
            case NEG, ABS, EXP, LOG, LOG1P, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU, LEAKY_RELU, GELU, ERF, STEP,
                    ADD, SUB, MUL, DIV, MAXIMUM, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER,
                    GREATER_EQUAL, WHERE, BROADCAST -> Lowering.ELEMENTWISE;
            case SUM, MEAN, MAX, ARGMAX, MATMUL, TRANSPOSE, SOFTMAX, LOG_SOFTMAX, ONE_HOT, GATHER, CROSS_ENTROPY,
                    NLL_LOSS, MSE_LOSS, BCE_LOSS -> Lowering.CALL;
        };
    }

    /** The node whose buffer holds {@code id}'s value: itself, or for a reshape (an alias) its input's source. */
    static int source(io.chainrule.ir.Graph graph, int id) {
        int s = id;
        while (of(graph.node(s).op()) == Lowering.ALIAS) {
            s = graph.node(s).input(0);
        }
        return s;
    }
}
