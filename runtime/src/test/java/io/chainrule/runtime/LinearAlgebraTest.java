package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.DType;
import io.chainrule.ir.Value;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matrix products in every transpose combination, and the layout ops. */
class LinearAlgebraTest {
    private static final double EXACT = 0;

    /** A [3,2] times B [2,3], written out by hand. */
    private static final double[] PRODUCT = {27, 30, 33, 61, 68, 75, 95, 106, 117};

    @ParameterizedTest(name = "transposeA={0} transposeB={1} f64={2}")
    @CsvSource({
        "false, false, false", "true, false, false", "false, true, false", "true, true, false",
        "false, false, true", "true, false, true", "false, true, true", "true, true, true",
    })
    void matmulReadsEitherOperandTransposed(boolean transposeA, boolean transposeB, boolean f64) {
        double[] a = transposeA ? new double[] {1, 3, 5, 2, 4, 6} : new double[] {1, 2, 3, 4, 5, 6};
        int[] aDims = transposeA ? dims(2, 3) : dims(3, 2);
        double[] b = transposeB ? new double[] {7, 10, 8, 11, 9, 12} : new double[] {7, 8, 9, 10, 11, 12};
        int[] bDims = transposeB ? dims(3, 2) : dims(2, 3);
        Tensor y = Run.binary(tensor(a, aDims, f64), tensor(b, bDims, f64), (x, w) -> x.matmul(w, transposeA,
                transposeB));
        assertEquals(f64 ? DType.F64 : DType.F32, y.dtype());
        assertTensor(y, dims(3, 3), EXACT, PRODUCT);
    }

    private static Tensor tensor(double[] values, int[] dims, boolean f64) {
        if (f64) {
            return f64(dims, values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f32(dims, f);
    }

    @ParameterizedTest(name = "transposeB={0}")
    @CsvSource({"false", "true"})
    void f32ProductsAccumulateInDouble(boolean transposeB) {
        // In float, 1e8 + 1 rounds back to 1e8 and the product would be 0.
        Tensor a = f32(dims(1, 3), 1e8f, 1, -1e8f);
        Tensor b = transposeB ? f32(dims(1, 3), 1, 1, 1) : f32(dims(3, 1), 1, 1, 1);
        assertArrayEquals(new float[] {1}, Run.binary(a, b, (x, w) -> x.matmul(w, false, transposeB)).floats());
    }

    @Test
    void transposeSwapsTheLastTwoAxes() {
        assertTensor(Run.unary(f64(dims(2, 3), 1, 2, 3, 4, 5, 6), Value::transpose), dims(3, 2), EXACT,
                1, 4, 2, 5, 3, 6);
    }

    @Test
    void permuteRank3() {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        // out[k, i, j] = x[i, j, k] = 12 i + 4 j + k
        assertTensor(Run.unary(f64(dims(2, 3, 4), v), x -> x.permute(2, 0, 1)), dims(4, 2, 3), EXACT,
                0, 4, 8, 12, 16, 20,
                1, 5, 9, 13, 17, 21,
                2, 6, 10, 14, 18, 22,
                3, 7, 11, 15, 19, 23);
    }

    @Test
    void layoutOpsMoveIntegersToo() {
        Tensor labels = Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, Run.unary(labels, Value::transpose).ints());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, Run.unary(labels, v -> v.reshape(3, 2)).ints());
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3}, Run.unary(Tensor.of(new int[] {1, 2, 3}, 3),
                v -> v.broadcastTo(2, 3)).ints());
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        Tensor y = Run.unary(f32(dims(2, 3), 1, 2, 3, 4, 5, 6), v -> v.reshape(3, -1));
        assertTensor(y, dims(3, 2), EXACT, 1, 2, 3, 4, 5, 6);
        assertTensor(Run.unary(f32(dims(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8), Value::flatten), dims(2, 4), EXACT,
                1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void broadcastRepeatsAlongSizeOneAndMissingAxes() {
        assertTensor(Run.unary(f64(dims(3), 1, 2, 3), v -> v.broadcastTo(2, 3)), dims(2, 3), EXACT,
                1, 2, 3, 1, 2, 3);
        assertTensor(Run.unary(f64(dims(2, 1), 1, 2), v -> v.broadcastTo(2, 3)), dims(2, 3), EXACT,
                1, 1, 1, 2, 2, 2);
        assertTensor(Run.unary(Tensor.scalar(DType.F64, 7), v -> v.broadcastTo(2, 2)), dims(2, 2), EXACT,
                7, 7, 7, 7);
    }

    @Test
    void bothLoopOrdersSumInTheSameOrder() {
        // B read as stored (i-k-j) and B stored transposed (i-j-k, four columns per pass and a tail of two) give
        // bit-identical f64 products: each sum runs over k in the same order.
        Random random = new Random(5);
        double[] a = new double[5 * 7];
        double[] b = new double[7 * 6];
        double[] bt = new double[6 * 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() - 0.5;
        }
        for (int p = 0; p < 7; p++) {
            for (int j = 0; j < 6; j++) {
                b[p * 6 + j] = random.nextDouble() - 0.5;
                bt[j * 7 + p] = b[p * 6 + j];
            }
        }
        Tensor rows = Run.binary(f64(dims(5, 7), a), f64(dims(7, 6), b), Value::matmul);
        Tensor dots = Run.binary(f64(dims(5, 7), a), f64(dims(6, 7), bt), (x, w) -> x.matmul(w, false, true));
        assertArrayEquals(rows.doubles(), dots.doubles());
    }
}
