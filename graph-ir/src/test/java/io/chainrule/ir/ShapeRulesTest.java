package io.chainrule.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One accepted and one rejected application per op; a test fails if an op has no case here. */
class ShapeRulesTest {
    private static final TensorType X = TensorType.of(DType.F32, 4, 3);
    private static final TensorType LABELS = TensorType.of(DType.I32, 4);

    private record Case(Attrs attrs, List<TensorType> in, String expected, List<TensorType> badIn, String badReason) {
    }

    private static Case ok(Attrs attrs, List<TensorType> in, String expected, List<TensorType> badIn, String reason) {
        return new Case(attrs, in, expected, badIn, reason);
    }

    private static final Map<OpCode, Case> CASES = new EnumMap<>(OpCode.class);

    static {
        for (OpCode op : EnumSet.range(OpCode.NEG, OpCode.STEP)) {
            Attrs attrs = op == OpCode.LEAKY_RELU ? new Attrs.Alpha(0.01) : Attrs.NONE;
            CASES.put(op, ok(attrs, List.of(X), "f32[4,3]", List.of(LABELS), "needs a floating dtype, got i32"));
        }
        for (OpCode op : EnumSet.range(OpCode.ADD, OpCode.MAXIMUM)) {
            CASES.put(op, ok(Attrs.NONE, List.of(TensorType.of(DType.F64, 4, 1), TensorType.of(DType.F64, 3)),
                    "f64[4,3]", List.of(X, TensorType.of(DType.F32, 4)), "shapes do not broadcast"));
        }
        for (OpCode op : EnumSet.range(OpCode.EQUAL, OpCode.GREATER_EQUAL)) {
            CASES.put(op, ok(Attrs.NONE, List.of(LABELS, TensorType.of(DType.I32)), "i32[4]",
                    List.of(LABELS, TensorType.of(DType.F32, 4)), "dtypes i32 and f32 differ"));
        }
        CASES.put(OpCode.WHERE, ok(Attrs.NONE, List.of(TensorType.of(DType.F32, 4, 1), TensorType.of(DType.F32, 3),
                TensorType.of(DType.F32)), "f32[4,3]", List.of(X, X, TensorType.of(DType.F64, 3)),
                "dtypes f32 and f64 differ"));
        Attrs.Reduce axis1 = new Attrs.Reduce(List.of(1), false);
        for (OpCode op : List.of(OpCode.SUM, OpCode.MEAN, OpCode.MAX)) {
            CASES.put(op, ok(axis1, List.of(X), "f32[4]", List.of(TensorType.of(DType.F32, 4)),
                    "axis 1 is out of range for shape [4]"));
        }
        CASES.put(OpCode.ARGMAX, ok(new Attrs.ArgMax(-1, true), List.of(X), "i32[4,1]", List.of(LABELS),
                "needs a floating dtype, got i32"));
        CASES.put(OpCode.MATMUL, ok(new Attrs.MatMul(true, false), List.of(X, TensorType.of(DType.F32, 4, 5)),
                "f32[3,5]", List.of(X, TensorType.of(DType.F32, 3, 5)), "inner dimensions 4 and 3 differ"));
        CASES.put(OpCode.TRANSPOSE, ok(new Attrs.Permute(List.of(1, 0)), List.of(X), "f32[3,4]",
                List.of(TensorType.of(DType.F32, 4, 3, 2)), "permutation [1, 0] does not match rank 3"));
        CASES.put(OpCode.RESHAPE, ok(new Attrs.Target(Shape.of(2, 6)), List.of(X), "f32[2,6]",
                List.of(TensorType.of(DType.F32, 5)), "cannot reshape 5 elements to [2,6] (12 elements)"));
        CASES.put(OpCode.BROADCAST, ok(new Attrs.Target(Shape.of(2, 4, 3)), List.of(TensorType.of(DType.F32, 3)),
                "f32[2,4,3]", List.of(TensorType.of(DType.F32, 2)), "cannot broadcast to [2,4,3]"));
        for (OpCode op : List.of(OpCode.SOFTMAX, OpCode.LOG_SOFTMAX)) {
            CASES.put(op, ok(new Attrs.Axis(1), List.of(X), "f32[4,3]", List.of(TensorType.of(DType.F32, 4)),
                    "axis 1 is out of range for shape [4]"));
        }
        CASES.put(OpCode.ONE_HOT, ok(new Attrs.OneHot(10, DType.F64), List.of(LABELS), "f64[4,10]", List.of(X),
                "operand 0 must be i32, got f32"));
        CASES.put(OpCode.GATHER, ok(Attrs.NONE, List.of(X, LABELS), "f32[4]",
                List.of(X, TensorType.of(DType.I32, 5)), "expected scores [N,C] and i32 labels [N]"));
        Attrs.Loss mean = new Attrs.Loss(Attrs.Reduction.MEAN);
        for (OpCode op : List.of(OpCode.CROSS_ENTROPY, OpCode.NLL_LOSS)) {
            CASES.put(op, ok(mean, List.of(X, LABELS), "f32[]", List.of(X, X), "operand 1 must be i32, got f32"));
        }
        for (OpCode op : List.of(OpCode.MSE_LOSS, OpCode.BCE_LOSS)) {
            CASES.put(op, ok(mean, List.of(X, X), "f32[]", List.of(X, TensorType.of(DType.F32, 3, 4)),
                    "input and target shapes differ"));
        }
    }

    @Test
    void everyNonSourceOpHasACase() {
        Set<OpCode> missing = EnumSet.allOf(OpCode.class);
        missing.removeAll(CASES.keySet());
        missing.removeIf(op -> op.kind() == OpCode.Kind.SOURCE);
        assertEquals(Set.of(), missing);
    }

    @Test
    void acceptedApplicationsGiveTheDocumentedType() {
        CASES.forEach((op, c) -> assertEquals(c.expected(), ShapeRules.infer(op, c.attrs(), c.in(), "n").toString(),
                op.text()));
    }

    @Test
    void rejectedApplicationsNameOpNodeShapesAndReason() {
        CASES.forEach((op, c) -> {
            ShapeException e = assertThrows(ShapeException.class,
                    () -> ShapeRules.infer(op, c.attrs(), c.badIn(), "node7"), op.text());
            String msg = e.getMessage();
            assertTrue(msg.startsWith(op.text() + " node7: "), msg);
            assertTrue(msg.endsWith(": " + c.badReason()), msg);
        });
    }

    @Test
    void broadcastingFollowsNumPy() {
        Function<String, Shape> p = s -> Shape.of(s.isEmpty() ? new int[0]
                : java.util.Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray());
        assertEquals(Shape.of(3, 4), ShapeRules.broadcastOrNull(p.apply("3,1"), p.apply("1,4")));
        assertEquals(Shape.of(2, 3), ShapeRules.broadcastOrNull(p.apply("2,3"), p.apply("3")));
        assertEquals(Shape.of(2, 3), ShapeRules.broadcastOrNull(p.apply("2,3"), p.apply("")));
        assertEquals(Shape.of(4, 2, 3), ShapeRules.broadcastOrNull(p.apply("4,1,3"), p.apply("2,1")));
        assertEquals(Shape.of(0, 3), ShapeRules.broadcastOrNull(p.apply("0,1"), p.apply("3")));
        assertEquals(null, ShapeRules.broadcastOrNull(p.apply("2,3"), p.apply("2")));
        assertEquals(Shape.of(2, 4, 3), ShapeRules.broadcastOrNull(p.apply("4,3"), p.apply("2,1,3")));
        assertEquals(null, ShapeRules.broadcastOrNull(p.apply("4,3"), p.apply("2,2,3")));
    }

    @Test
    void reductionsHandleKeepDimsNegativeAndAllAxes() {
        TensorType t = TensorType.of(DType.F32, 2, 3, 4);
        assertEquals("f32[2,1,4]", ShapeRules.infer(OpCode.SUM, new Attrs.Reduce(List.of(-2), true), List.of(t), "n")
                .toString());
        assertEquals("f32[]", ShapeRules.infer(OpCode.MEAN, new Attrs.Reduce(List.of(), false), List.of(t), "n")
                .toString());
        assertEquals("f32[1,1,1]", ShapeRules.infer(OpCode.MAX, new Attrs.Reduce(List.of(), true), List.of(t), "n")
                .toString());
        assertEquals("f32[3]", ShapeRules.infer(OpCode.SUM, new Attrs.Reduce(List.of(2, 0), false), List.of(t), "n")
                .toString());
        ShapeException e = assertThrows(ShapeException.class,
                () -> ShapeRules.infer(OpCode.SUM, new Attrs.Reduce(List.of(1, -2), false), List.of(t), "s"));
        assertEquals("sum s: f32[2,3,4]: axis 1 is listed twice", e.getMessage());
    }

    @Test
    void lossesWithoutReductionKeepPerExampleShape() {
        Attrs.Loss none = new Attrs.Loss(Attrs.Reduction.NONE);
        assertEquals("f32[4]", ShapeRules.infer(OpCode.CROSS_ENTROPY, none, List.of(X, LABELS), "n").toString());
        assertEquals("f32[4,3]", ShapeRules.infer(OpCode.BCE_LOSS, none, List.of(X, X), "n").toString());
    }
}
