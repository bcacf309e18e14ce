package io.chainrule.codegen.lib;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.InterpreterException;
import io.chainrule.runtime.Tensor;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** One-op graphs run by the reference interpreter: the results (and failures) every kernel must reproduce. */
final class Reference {
    private Reference() {
    }

    /** {@code op} applied to an input of x's type, fed x. */
    static Tensor unary(Tensor x, UnaryOperator<Value> op) {
        GraphBuilder b = new GraphBuilder("reference");
        Value in = b.input("x", x.dtype(), x.shape().dims());
        Graph g = b.output("y", op.apply(in)).build();
        return new Interpreter().prepare(g).run(Map.of("x", x)).get("y");
    }

    /** {@code op} applied to inputs of a's and b's types, fed a and b. */
    static Tensor binary(Tensor a, Tensor b, BinaryOperator<Value> op) {
        GraphBuilder gb = new GraphBuilder("reference");
        Value va = gb.input("a", a.dtype(), a.shape().dims());
        Value vb = gb.input("b", b.dtype(), b.shape().dims());
        Graph g = gb.output("y", op.apply(va, vb)).build();
        return new Interpreter().prepare(g).run(Map.of("a", a, "b", b)).get("y");
    }

    /** The message of the op's own failure, without the interpreter's node prefix. */
    static String unaryFailure(Tensor x, UnaryOperator<Value> op) {
        return assertThrows(InterpreterException.class, () -> unary(x, op)).getCause().getMessage();
    }

    /** The message of the op's own failure, without the interpreter's node prefix. */
    static String binaryFailure(Tensor a, Tensor b, BinaryOperator<Value> op) {
        return assertThrows(InterpreterException.class, () -> binary(a, b, op)).getCause().getMessage();
    }
}
