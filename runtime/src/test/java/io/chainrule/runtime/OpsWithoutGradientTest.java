package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Piecewise-constant ops on a value that depends on a parameter: an error, or zero when zero gradients are allowed. */
class OpsWithoutGradientTest {

    static Stream<OpCode> opsWithoutGradient() {
        return GradientCases.WITHOUT_GRADIENT.stream();
    }

    /** All but argmax, whose result is i32 (see {@link #aLossReachedOnlyThroughArgmaxHasZeroGradientWithoutError}). */
    static Stream<OpCode> floatingOpsWithoutGradient() {
        return opsWithoutGradient().filter(op -> op != OpCode.ARGMAX);
    }

    /** loss = sum(op(tanh(w)) * 3): the loss depends on the parameter w only through {@code op}. */
    private static Graph lossThrough(OpCode op) {
        GraphBuilder b = new GraphBuilder("no_gradient");
        Value w = b.parameter("w", new Initializer.Normal(0, 1), DType.F64, 2, 3);
        Value h = w.tanh();
        Value y = switch (op) {
            case STEP -> h.step();
            // argmax's i32 result reaches a floating loss through one_hot.
            case ARGMAX -> h.argmax(1).oneHot(3, DType.F64);
            default -> h.apply(op, Attrs.NONE, b.constant(0.5, DType.F64));
        };
        return b.output("loss", y.mul(3).sum()).build();
    }

    @ParameterizedTest
    @MethodSource("floatingOpsWithoutGradient")
    void differentiatingThroughTheOpIsAnError(OpCode op) {
        GraphException e = assertThrows(GraphException.class, () -> Gradients.of(lossThrough(op), "loss"));
        assertTrue(e.getMessage().contains("cannot differentiate through " + op.text()), e.getMessage());
        assertTrue(e.getMessage().contains("it has no gradient"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("opsWithoutGradient")
    void allowingZeroGradientsGivesZero(OpCode op) {
        assertArrayEquals(new double[6], gradientOfW(lossThrough(op), true).doubles());
    }

    @Test
    void aLossReachedOnlyThroughArgmaxHasZeroGradientWithoutError() {
        // An i32 value carries no gradient (Gradients stops at non-floating nodes), so labels computed by argmax are
        // constants, as in PyTorch (pseudo-labels): argmax's missing rule is never asked for.
        assertArrayEquals(new double[6], gradientOfW(lossThrough(OpCode.ARGMAX), false).doubles());
    }

    private static Tensor gradientOfW(Graph forward, boolean allowZeroGradients) {
        Graph grads = Gradients.of(forward, "loss", new Gradients.Options(List.of("w"), allowZeroGradients));
        Map<String, Tensor> feeds = Parameters.initialize(forward, 7);
        return new Interpreter().prepare(grads).run(feeds).get(Gradients.outputName("w"));
    }
}
