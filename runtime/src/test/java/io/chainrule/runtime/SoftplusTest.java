package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** softplus, a composition of primitives, against torch.nn.functional.softplus's definition and central differences. */
class SoftplusTest {

    private static double softplus(double x, double beta, double threshold) {
        Tensor in = Tensor.of(new double[] {x}, 1);
        return Run.unary(in, v -> v.softplus(beta, threshold)).getDouble(0);
    }

    @Test
    void valuesAsTorchDefinesThem() {
        assertEquals(Math.log(2), softplus(0, 1, 20), 1e-16);
        assertEquals(Math.log(1 + Math.E), softplus(1, 1, 20), 1e-15);
        // log1p: exp(-100) itself, not the 0 that log(1 + exp(-100)) gives
        assertEquals(Math.exp(-100), softplus(-100, 1, 20), 1e-58);
        assertEquals(Math.log(1 + Math.exp(0.5)) / 2, softplus(0.25, 2, 20), 1e-16);
        assertEquals(20.5, softplus(20.5, 1, 20));
    }

    @Test
    void beyondTheThresholdItIsTheInputItself() {
        // beta x = 2 > threshold 1: x exactly, though log(1 + e^2) = 2.127
        assertEquals(2.0, softplus(2, 1, 1));
        assertEquals(Math.log(1 + Math.exp(0.9)), softplus(0.9, 1, 1), 1e-15);
        assertEquals(1e300, softplus(1e300, 1, 20));
    }

    @Test
    void f32BeyondTheThresholdNeitherOverflowsNorLosesTheInput() {
        Tensor x = Tensor.of(new float[] {100f, 1e30f, -1e30f}, 3);
        Tensor y = Run.unary(x, v -> v.softplus(1, 20));
        assertEquals(100f, y.floats()[0]);
        assertEquals(1e30f, y.floats()[1]);
        assertEquals(0f, y.floats()[2]);
    }

    @Test
    void theActivationLayerIsSoftplusWithTorchsDefaults() {
        Tensor x = Tensor.of(new double[] {-3, 0.7, 25}, 3);
        Tensor layer = Run.unary(x, Activation.SOFTPLUS::apply);
        Tensor explicit = Run.unary(x, v -> v.softplus(1, 20));
        for (int i = 0; i < 3; i++) {
            assertEquals(explicit.getDouble(i), layer.getDouble(i));
        }
    }

    @Test
    void gradientMatchesCentralDifferencesOnBothBranches() {
        SplittableRandom random = new SplittableRandom(14);
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            // beta x in [-8, 8] around threshold 3, but never within 0.1 of it, where softplus jumps
            double bx;
            do {
                bx = random.nextDouble(-8, 8);
            } while (Math.abs(bx - 3) < 0.1);
            values[i] = bx / 2;
        }
        GraphBuilder b = new GraphBuilder("softplus");
        Value x = b.input("x", DType.F64, 40);
        b.output("loss", x.softplus(2, 3).mul(x.add(1)).sum());
        Graph g = b.build();
        GradientCheck.Result r = GradientCheck.check(g, "loss", Map.of("x", Tensor.of(values, 40)), List.of("x"),
                Integer.MAX_VALUE, 0);
        assertTrue(r.max() < 1e-6, () -> "relative errors " + r.errors());
    }

    @Test
    void theGradientIsOneWhereTheExponentialWouldOverflow() {
        GraphBuilder b = new GraphBuilder("softplus_far");
        Value x = b.input("x", DType.F64, 2);
        b.output("loss", x.softplus().sum());
        Graph g = Gradients.of(b.build(), "loss", new Gradients.Options(List.of("x"), false));
        Tensor grad = new Interpreter().prepare(g).run(Map.of("x", Tensor.of(new double[] {1000, -1000}, 2)))
                .get(Gradients.outputName("x"));
        assertEquals(1.0, grad.getDouble(0));
        assertEquals(0.0, grad.getDouble(1));
    }
}
