package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** Test helpers: one-op graphs run through the interpreter, and element checks. */
final class Run {
    private Run() {
    }

    /** {@code f} applied to an input {@code x} of x's type. */
    static Tensor unary(Tensor x, UnaryOperator<Value> f) {
        GraphBuilder b = new GraphBuilder("t");
        Value in = b.input("x", x.dtype(), x.shape().dims());
        Graph g = b.output("y", f.apply(in)).build();
        return new Interpreter().prepare(g).run(Map.of("x", x)).get("y");
    }

    /** {@code f} applied to inputs {@code a} and {@code b} of their types. */
    static Tensor binary(Tensor a, Tensor b, BinaryOperator<Value> f) {
        GraphBuilder gb = new GraphBuilder("t");
        Value va = gb.input("a", a.dtype(), a.shape().dims());
        Value vb = gb.input("b", b.dtype(), b.shape().dims());
        Graph g = gb.output("y", f.apply(va, vb)).build();
        return new Interpreter().prepare(g).run(Map.of("a", a, "b", b)).get("y");
    }

    /** Checks the shape and every element to within {@code delta}. */
    static void assertTensor(Tensor actual, int[] dims, double delta, double... expected) {
        assertEquals(Shape.of(dims), actual.shape(), "shape");
        double[] got = new double[actual.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = actual.getDouble(i);
        }
        assertArrayEquals(expected, got, delta, () -> "elements of " + actual);
    }

    static int[] dims(int... dims) {
        return dims;
    }

    static Tensor f32(int[] dims, float... values) {
        return Tensor.of(values, dims);
    }

    static Tensor f64(int[] dims, double... values) {
        return Tensor.of(values, dims);
    }
}
