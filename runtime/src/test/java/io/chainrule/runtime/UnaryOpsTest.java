package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Elementwise unary ops against values worked out by hand or with mpmath (PyTorch's documented formulas). */
class UnaryOpsTest {
    private static final double EXACT = 0;
    private static final double TIGHT = 1e-15;

    private static Tensor x64() {
        return f64(dims(5), -2, -0.5, 0, 0.5, 3);
    }

    @Test
    void negAbsSquareReciprocal() {
        assertTensor(Run.unary(x64(), Value::neg), dims(5), EXACT, 2, 0.5, -0.0, -0.5, -3);
        assertTensor(Run.unary(x64(), Value::abs), dims(5), EXACT, 2, 0.5, 0, 0.5, 3);
        assertTensor(Run.unary(x64(), Value::square), dims(5), EXACT, 4, 0.25, 0, 0.25, 9);
        assertTensor(Run.unary(f64(dims(4), -2, 0.5, 4, 0), Value::reciprocal), dims(4), EXACT,
                -0.5, 2, 0.25, Double.POSITIVE_INFINITY);
    }

    @Test
    void expLogSqrtTanh() {
        assertTensor(Run.unary(x64(), Value::exp), dims(5), TIGHT,
                0.1353352832366127, 0.6065306597126334, 1, 1.6487212707001282, 20.085536923187668);
        assertTensor(Run.unary(f64(dims(4), 0.5, 1, 2, 10), Value::log), dims(4), TIGHT,
                -0.6931471805599453, 0, 0.6931471805599453, 2.302585092994046);
        assertTensor(Run.unary(f64(dims(4), 0, 0.25, 2, 9), Value::sqrt), dims(4), TIGHT,
                0, 0.5, 1.4142135623730951, 3);
        assertTensor(Run.unary(x64(), Value::tanh), dims(5), TIGHT,
                -0.9640275800758169, -0.46211715726000974, 0, 0.46211715726000974, 0.9950547536867305);
    }

    @Test
    void logOfZeroAndNegativeFollowIeee() {
        assertTensor(Run.unary(f64(dims(2), 0, -1), Value::log), dims(2), EXACT, Double.NEGATIVE_INFINITY,
                Double.NaN);
    }

    @Test
    void reluLeakyReluStep() {
        assertTensor(Run.unary(x64(), Value::relu), dims(5), EXACT, 0, 0, 0, 0.5, 3);
        assertTensor(Run.unary(x64(), Value::leakyRelu), dims(5), TIGHT, -0.02, -0.005, 0, 0.5, 3);
        assertTensor(Run.unary(x64(), v -> v.leakyRelu(0.2)), dims(5), TIGHT, -0.4, -0.1, 0, 0.5, 3);
        assertTensor(Run.unary(x64(), Value::step), dims(5), EXACT, 0, 0, 0, 1, 1);
    }

    /** torch's leaky_relu_backward: the gradient itself where x > 0, else times alpha (here negative), in float32. */
    @Test
    void leakyReluPassesTheGradientUnscaledWhereXIsPositive() {
        GraphBuilder b = new GraphBuilder("leaky");
        Value x = b.input("x", DType.F32, 3);
        b.output("loss", x.leakyRelu(-0.3).sum());
        Graph g = Gradients.of(b.build(), "loss", new Gradients.Options(List.of("x"), false));
        float[] grad = new Interpreter().prepare(g).run(Map.of("x", f32(dims(3), 2, 0, -2)))
                .get(Gradients.outputName("x")).floats();
        assertArrayEquals(new float[] {1, -0.3f, -0.3f}, grad);
    }

    @Test
    void reluPropagatesNaNAsTorchClampDoes() {
        assertTensor(Run.unary(f64(dims(1), Double.NaN), Value::relu), dims(1), EXACT, Double.NaN);
    }

    @Test
    void sigmoidIsStableAtLargeMagnitudes() {
        assertTensor(Run.unary(f64(dims(5), -1000, -40, 0, 2, 1000), Value::sigmoid), dims(5), TIGHT,
                0, 4.248354255291589e-18, 0.5, 0.8807970779778824, 1);
    }

    @Test
    void geluExactAndTanhAndSilu() {
        Tensor x = f64(dims(4), -1, 0, 0.5, 2);
        assertTensor(Run.unary(x, Value::gelu), dims(4), TIGHT,
                -0.15865525393145705, 0, 0.34573123063700656, 1.9544997361036416);
        assertTensor(Run.unary(x, Value::geluTanh), dims(4), TIGHT,
                -0.1588080093917233, 0, 0.34571400982514394, 1.954597694087775);
        assertTensor(Run.unary(x, Value::silu), dims(4), TIGHT,
                -0.2689414213699951, 0, 0.3112296656009273, 1.7615941559557649);
    }

    @Test
    void erfIsOddAndMatchesTables() {
        assertTensor(Run.unary(x64(), Value::erf), dims(5), TIGHT,
                -0.9953222650189527, -0.5204998778130465, 0, 0.5204998778130465, 0.9999779095030014);
    }

    @Test
    void f32ResultsAreTheDoubleResultRoundedOnce() {
        Tensor x = f32(dims(4), -2, -0.5f, 0.5f, 3);
        Tensor y = Run.unary(x, Value::exp);
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new float[] {(float) 0.1353352832366127, (float) 0.6065306597126334,
            (float) 1.6487212707001282, (float) 20.085536923187668}, y.floats());
        Tensor g = Run.unary(f32(dims(2), 1, -3), Value::gelu);
        assertArrayEquals(new float[] {(float) 0.8413447460685429, (float) -0.0040496940948902835}, g.floats());
        Tensor s = Run.unary(f32(dims(3), -1000, -2, 1000), Value::sigmoid);
        assertArrayEquals(new float[] {0, (float) 0.11920292202211756, 1}, s.floats());
    }
}
