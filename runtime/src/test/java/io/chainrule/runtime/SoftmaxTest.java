package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Expected values from mpmath at 40 digits. */
class SoftmaxTest {
    private static final double TIGHT = 1e-15;

    @Test
    void softmaxAndLogSoftmaxOfARow() {
        Tensor x = f64(dims(1, 3), 1, 2, 3);
        assertTensor(Run.unary(x, v -> v.softmax(1)), dims(1, 3), TIGHT,
                0.09003057317038046, 0.24472847105479764, 0.6652409557748219);
        assertTensor(Run.unary(x, v -> v.logSoftmax(-1)), dims(1, 3), TIGHT,
                -2.40760596444438, -1.4076059644443804, -0.4076059644443803);
    }

    @Test
    void hugeLogitsStayFinite() {
        Tensor x = f64(dims(3), 1000, 1000, -1000);
        assertTensor(Run.unary(x, v -> v.softmax(0)), dims(3), TIGHT, 0.5, 0.5, 0);
        assertTensor(Run.unary(x, v -> v.logSoftmax(0)), dims(3), 1e-12,
                -0.6931471805599453, -0.6931471805599453, -2000.69314718056);
        assertTensor(Run.unary(f64(dims(2), -1000, -1000), v -> v.softmax(0)), dims(2), TIGHT, 0.5, 0.5);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, Run.unary(f32(dims(3), 1000, 1000, -1000),
                v -> v.softmax(0)).floats());
        assertArrayEquals(new float[] {(float) -0.6931471805599453, (float) -0.6931471805599453, -2000.6931f},
                Run.unary(f32(dims(3), 1000, 1000, -1000), v -> v.logSoftmax(0)).floats());
    }

    @Test
    void alongTheFirstAxisOfAMatrix() {
        Tensor x = f64(dims(2, 2), 1, 2, 3, 5);
        assertTensor(Run.unary(x, v -> v.softmax(0)), dims(2, 2), TIGHT,
                0.11920292202211756, 0.04742587317756678, 0.8807970779778824, 0.9525741268224333);
        assertTensor(Run.unary(x, v -> v.logSoftmax(0)), dims(2, 2), TIGHT,
                -2.1269280110429727, -3.048587351573742, -0.1269280110429725, -0.04858735157374206);
    }

    @Test
    void alongTheMiddleAxisOfRank3() {
        // x[i, j, k]: the lanes along axis 1 are (1, 3) at k = 0 and (2, 5) at k = 1, for both i.
        Tensor x = f64(dims(2, 2, 2), 1, 2, 3, 5, 1, 2, 3, 5);
        assertTensor(Run.unary(x, v -> v.softmax(1)), dims(2, 2, 2), TIGHT,
                0.11920292202211756, 0.04742587317756678, 0.8807970779778824, 0.9525741268224333,
                0.11920292202211756, 0.04742587317756678, 0.8807970779778824, 0.9525741268224333);
    }
}
