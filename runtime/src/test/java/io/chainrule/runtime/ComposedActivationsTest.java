package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * SiLU and GELU's tanh form, compositions of primitives: float32 values against float64 over many floats, gradients
 * against central differences, and infinities and NaN as PyTorch's kernels give them.
 */
class ComposedActivationsTest {
    private static final double TWO_SQRT_TWO_OVER_PI = 2 * Math.sqrt(2 / Math.PI);

    private static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    /** 0.5 x (1 + tanh u) written as x sigmoid(2u), which float64 keeps accurate far into the negative tail. */
    private static double geluTanh(double x) {
        return x / (1 + Math.exp(-TWO_SQRT_TWO_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    /** The largest error of f over 100,000 floats in [-30, 30] and around 0, in ulps of the float64 value. */
    private static double worstUlps(UnaryOperator<Value> f, DoubleUnaryOperator reference) {
        SplittableRandom random = new SplittableRandom(14);
        float[] xs = new float[100_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) (i % 2 == 0 ? random.nextDouble(-30, 30) : random.nextGaussian() * 3);
        }
        float[] ys = Run.unary(Tensor.of(xs, xs.length), f).floats();
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            double want = reference.applyAsDouble(xs[i]);
            float scale = Math.max(Float.MIN_NORMAL, (float) Math.abs(want));
            worst = Math.max(worst, Math.abs(ys[i] - want) / Math.ulp(scale));
        }
        return worst;
    }

    @Test
    void siluIsWithinTwoUlpsOfFloat64() {
        double ulps = worstUlps(Value::silu, ComposedActivationsTest::silu);
        assertTrue(ulps <= 2, ulps + " ulps");
    }

    /** The tanh form 0.5 x (1 + tanh u) gives 0 for every float below about -5 (tanh rounds to -1); this does not. */
    @Test
    void geluTanhKeepsItsNegativeTailInFloat32() {
        double ulps = worstUlps(Value::geluTanh, ComposedActivationsTest::geluTanh);
        assertTrue(ulps <= 256, ulps + " ulps");
        float y = Run.unary(Tensor.of(new float[] {-8}, 1), Value::geluTanh).floats()[0];
        assertEquals(geluTanh(-8), y, 1e-4 * Math.abs(geluTanh(-8)));
    }

    @Test
    void infinitiesAndNanAsPyTorch() {
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {inf, -inf, Float.NaN}, 3);
        // x / (1 + exp(-x)) and 0.5 x (1 + tanh u) at -inf are -inf * 0: NaN, as in torch
        for (UnaryOperator<Value> f : List.<UnaryOperator<Value>>of(Value::silu, Value::geluTanh)) {
            float[] y = Run.unary(x, f).floats();
            assertEquals(inf, y[0]);
            assertTrue(Float.isNaN(y[1]), "f(-inf) = " + y[1]);
            assertTrue(Float.isNaN(y[2]), "f(NaN) = " + y[2]);
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        SplittableRandom random = new SplittableRandom(14);
        double[] values = random.doubles(60, -6, 6).toArray();
        for (UnaryOperator<Value> f : List.<UnaryOperator<Value>>of(Value::silu, Value::geluTanh)) {
            GraphBuilder b = new GraphBuilder("activation");
            Value x = b.input("x", DType.F64, 60);
            b.output("loss", f.apply(x).mul(x.add(1)).sum());
            Graph g = b.build();
            GradientCheck.Result r = GradientCheck.check(g, "loss", Map.of("x", Tensor.of(values, 60)), List.of("x"),
                    Integer.MAX_VALUE, 0);
            assertTrue(r.max() < 1e-6, () -> "relative errors " + r.errors());
        }
    }
}
