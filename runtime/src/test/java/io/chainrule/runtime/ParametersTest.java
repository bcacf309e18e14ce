package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static Graph mlp() {
        GraphBuilder b = new GraphBuilder("mlp");
        Value x = b.input("x", DType.F32, 4, 16);
        Value y = new Sequential(new Linear("fc1", 16, 8), Value::relu, new Linear("fc2", 8, 3)).apply(x);
        return b.output("y", y).build();
    }

    @Test
    void everyParameterInNodeOrderWithItsType() {
        Map<String, Tensor> p = Parameters.initialize(mlp(), 1);
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(p.keySet()));
        assertEquals(TensorType.of(DType.F32, 8, 16), p.get("fc1.weight").type());
        assertEquals(TensorType.of(DType.F32, 3), p.get("fc2.bias").type());
    }

    @Test
    void sameSeedGivesBitIdenticalTensors() {
        Map<String, Tensor> a = Parameters.initialize(mlp(), 42);
        Map<String, Tensor> b = Parameters.initialize(mlp(), 42);
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).floats(), b.get(name).floats(), name);
        }
        Map<String, Tensor> c = Parameters.initialize(mlp(), 43);
        assertFalse(Arrays.equals(a.get("fc1.weight").floats(), c.get("fc1.weight").floats()));
    }

    @Test
    void linearDefaultStaysWithinOneOverSqrtFanIn() {
        Map<String, Tensor> p = Parameters.initialize(mlp(), 7);
        assertWithin(p.get("fc1.weight"), 0.25);
        assertWithin(p.get("fc1.bias"), 0.25);
        assertWithin(p.get("fc2.weight"), 1 / Math.sqrt(8));
        assertWithin(p.get("fc2.bias"), 1 / Math.sqrt(8));
        assertSpread(p.get("fc1.weight"), 0.25);
    }

    private static void assertWithin(Tensor t, double bound) {
        for (int i = 0; i < t.size(); i++) {
            assertTrue(Math.abs(t.getDouble(i)) <= bound, t.getDouble(i) + " outside +-" + bound);
        }
    }

    /** Uniform over (-bound, bound): 128 draws reach past half the bound on both sides. */
    private static void assertSpread(Tensor t, double bound) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.size(); i++) {
            min = Math.min(min, t.getDouble(i));
            max = Math.max(max, t.getDouble(i));
        }
        assertTrue(min < -bound / 2 && max > bound / 2, "values span only [" + min + ", " + max + "]");
    }

    @Test
    void otherInitializersAndF64Parameters() {
        GraphBuilder b = new GraphBuilder("p");
        Value zeros = b.parameter("zeros", new Initializer.Zeros(), DType.F64, 3);
        Value ones = b.parameter("ones", new Initializer.Fill(1), 2, 2);
        Value normal = b.parameter("normal", new Initializer.Normal(5, 0.1), DType.F64, 1000);
        Graph g = b.output("z", zeros).output("o", ones).output("n", normal).build();
        Map<String, Tensor> p = Parameters.initialize(g, 3);
        assertArrayEquals(new double[3], p.get("zeros").doubles());
        assertArrayEquals(new float[] {1, 1, 1, 1}, p.get("ones").floats());
        double mean = Arrays.stream(p.get("normal").doubles()).average().orElseThrow();
        assertEquals(5, mean, 0.02);
    }
}
