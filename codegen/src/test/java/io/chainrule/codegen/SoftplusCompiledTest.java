package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** softplus, a composition, compiles into one fused loop that gives the interpreter's values and gradients. */
class SoftplusCompiledTest {

    /** Inputs in [0, 1) spread to [-20, 20), so that both branches and the threshold's neighbourhood are taken. */
    private static Graph graph() {
        GraphBuilder b = new GraphBuilder("softplus");
        Value x = b.input("x", DType.F32, 64, 33);
        Value spread = x.mul(40).sub(20);
        b.output("y", spread.softplus().add(spread.softplus(2, 1)).sum());
        return b.build();
    }

    @Test
    void forwardAndGradientMatchTheInterpreter() {
        Differential.assertSameResults(graph(), 14, "softplus");
        Graph withGradient = Gradients.of(graph(), "y", new Gradients.Options(List.of("x"), false));
        Differential.assertSameResults(withGradient, 15, "softplus gradient");
    }

    @Test
    void theCompositionIsOneFusedLoop() {
        GraphBuilder b = new GraphBuilder("softplus_only");
        Value x = b.input("x", DType.F32, 64, 33);
        b.output("y", x.softplus(2, 1));
        try (CompiledStep step = CompiledBackend.compile(b.build())) {
            assertEquals(1, step.plan().kernelCount(), step.plan().toString());
        }
    }
}
