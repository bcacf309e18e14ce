package io.chainrule.examples.bench;

import io.chainrule.codegen.kernels.Gemm;
import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One MLP product's operands, filled once with random values, and the product in plain loops. */
@State(Scope.Thread)
public class ProductOperands {
    @Param
    public MlpProduct product;

    float[] a;
    float[] b;
    float[] c;
    float[] bias;
    int epilogue;

    @Setup
    public void fill() {
        Random random = new Random(42);
        a = random(random, product.m * product.k);
        b = random(random, product.k * product.n);
        c = new float[product.m * product.n];
        bias = product.bias ? random(random, product.n) : null;
        epilogue = product.relu ? Gemm.RELU : 0;
    }

    private static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    float[] plainLoops() {
        MlpProduct p = product;
        if (p.transposeB) {
            PlainLoops.dots(a, b, c, p.m, p.n, p.k);
        } else {
            PlainLoops.saxpy(a, p.transposeA, b, c, p.m, p.n, p.k);
        }
        PlainLoops.epilogue(c, p.m, p.n, bias, p.relu);
        return c;
    }
}
