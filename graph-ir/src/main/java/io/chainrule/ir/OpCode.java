package io.chainrule.ir;

import java.util.Locale;

/**
 * Every op of the IR. An op is defined once per phase, in that phase's rule table, each a switch over this enum, so
 * adding a constant here makes the compiler list every table that must handle it:
 * <ul>
 *   <li>shape and dtype rule: {@link ShapeRules} (graph-ir)</li>
 *   <li>per-element semantics of the elementwise ops: {@link io.chainrule.ir.scalar.ScalarOps}, one marked method
 *   each, shared by the interpreter, constant folding and compiled loops</li>
 *   <li>reference semantics: {@code io.chainrule.runtime.OpEval} (runtime's interpreter)</li>
 *   <li>vector-Jacobian product: {@code io.chainrule.autodiff.VjpRules} (autodiff)</li>
 *   <li>lowering: codegen's rule table</li>
 * </ul>
 * Composite ops (softmax, log-softmax, the losses, GELU) are primitives: they are numerically stable as one op (the row
 * max is subtracted inside) and fuse better.
 */
public enum OpCode {
    // sources
    /** A named placeholder fed at run time. */
    INPUT(Kind.SOURCE, 0, Attrs.None.class),
    /** A named trainable tensor with its initializer. */
    PARAMETER(Kind.SOURCE, 0, Attrs.Init.class),
    /** A named persistent tensor that is not trained (optimizer state such as Adam's moments, the step count). */
    STATE(Kind.SOURCE, 0, Attrs.Init.class),
    /** A literal: one value broadcast to the shape, or every element. */
    CONSTANT(Kind.SOURCE, 0, Attrs.Constant.class),

    // elementwise unary
    NEG(Kind.UNARY),
    ABS(Kind.UNARY),
    EXP(Kind.UNARY),
    LOG(Kind.UNARY),
    /** log(1 + x), accurate where x is tiny (softplus of a very negative input needs it). */
    LOG1P(Kind.UNARY),
    SQRT(Kind.UNARY),
    SQUARE(Kind.UNARY),
    RECIPROCAL(Kind.UNARY),
    TANH(Kind.UNARY),
    /** 1 / (1 + exp(-x)). */
    SIGMOID(Kind.UNARY),
    /** max(0, x). */
    RELU(Kind.UNARY),
    /** x if x > 0, else alpha * x. */
    LEAKY_RELU(Kind.UNARY, 1, Attrs.Alpha.class),
    /** x * Phi(x) with the exact normal CDF, as F.gelu(x). */
    GELU(Kind.UNARY),
    /** The error function; a primitive because GELU and its derivative need it. */
    ERF(Kind.UNARY),
    /** Heaviside: 1 if x > 0, else 0 (the perceptron's threshold, as its formula writes it). */
    STEP(Kind.UNARY),

    // elementwise binary, NumPy broadcasting
    ADD(Kind.BINARY),
    SUB(Kind.BINARY),
    MUL(Kind.BINARY),
    DIV(Kind.BINARY),
    MAXIMUM(Kind.BINARY),

    // comparisons: 0/1 masks in the operands' dtype, broadcasting
    EQUAL(Kind.COMPARE),
    NOT_EQUAL(Kind.COMPARE),
    LESS(Kind.COMPARE),
    LESS_EQUAL(Kind.COMPARE),
    GREATER(Kind.COMPARE),
    GREATER_EQUAL(Kind.COMPARE),

    // selection
    /** where(condition, a, b): a where the 0/1 condition is nonzero, else b, all three broadcast, as torch.where. */
    WHERE(Kind.SELECT, 3, Attrs.None.class),

    // reductions
    SUM(Kind.REDUCE, 1, Attrs.Reduce.class),
    MEAN(Kind.REDUCE, 1, Attrs.Reduce.class),
    MAX(Kind.REDUCE, 1, Attrs.Reduce.class),
    /** Index of the first maximum along an axis, as i32. */
    ARGMAX(Kind.OTHER, 1, Attrs.ArgMax.class),

    // linear algebra and layout
    /** 2-D product, either operand optionally read transposed. */
    MATMUL(Kind.OTHER, 2, Attrs.MatMul.class),
    TRANSPOSE(Kind.LAYOUT, 1, Attrs.Permute.class),
    RESHAPE(Kind.LAYOUT, 1, Attrs.Target.class),
    /** Broadcast to a shape, by NumPy's rules. */
    BROADCAST(Kind.LAYOUT, 1, Attrs.Target.class),

    // normalizations
    /** exp(x - max) / sum(exp(x - max)) along an axis. */
    SOFTMAX(Kind.OTHER, 1, Attrs.Axis.class),
    /** x - max - log(sum(exp(x - max))) along an axis. */
    LOG_SOFTMAX(Kind.OTHER, 1, Attrs.Axis.class),

    // integer labels
    /** i32 labels [N] to a 0/1 matrix [N, classes] of a floating type. */
    ONE_HOT(Kind.OTHER, 1, Attrs.OneHot.class),
    /** x [N, C], labels i32 [N]: x[i, labels[i]], shape [N]. */
    GATHER(Kind.OTHER, 2, Attrs.None.class),

    // losses
    /** Logits [N, C], labels i32 [N]: -log_softmax(x)[i, y_i], as torch.nn.CrossEntropyLoss. */
    CROSS_ENTROPY(Kind.LOSS, 2, Attrs.Loss.class),
    /** Log-probabilities [N, C], labels i32 [N]: -x[i, y_i], as F.nll_loss. */
    NLL_LOSS(Kind.LOSS, 2, Attrs.Loss.class),
    /** (input - target)^2 over equal shapes, as torch.nn.MSELoss. */
    MSE_LOSS(Kind.LOSS, 2, Attrs.Loss.class),
    /** -(t log p + (1 - t) log(1 - p)), logs clamped at -100, as torch.nn.BCELoss. */
    BCE_LOSS(Kind.LOSS, 2, Attrs.Loss.class);

    /** Families of ops that share a shape rule (and usually a lowering). */
    public enum Kind {
        SOURCE, UNARY, BINARY, COMPARE, SELECT, REDUCE, LAYOUT, LOSS, OTHER
    }

    private final Kind kind;
    private final int arity;
    private final Class<? extends Attrs> attrsType;

    OpCode(Kind kind) {
        this(kind, kind == Kind.UNARY ? 1 : 2, Attrs.None.class);
    }

    OpCode(Kind kind, int arity, Class<? extends Attrs> attrsType) {
        this.kind = kind;
        this.arity = arity;
        this.attrsType = attrsType;
    }

    public Kind kind() {
        return kind;
    }

    public int arity() {
        return arity;
    }

    public Class<? extends Attrs> attrsType() {
        return attrsType;
    }

    /** The name in the text IR: {@code log_softmax}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OpCode parse(String text) {
        for (OpCode op : values()) {
            if (op.text().equals(text)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + text + "'");
    }
}
