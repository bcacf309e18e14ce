package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Run by its own surefire execution, in a JVM started without {@code --add-modules jdk.incubator.vector}: the
 * dispatcher must pick the plain path without ever loading the Vector API kernels.
 */
class WithoutVectorModuleTest {
    @Test
    void plainPathRunsWhenTheModuleIsAbsent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(), "started without the module");
        assertFalse(Gemm.usesVectorApi());
        Random random = new Random(3);
        int m = 20;
        int n = 24;
        int k = 30;
        float[] a = GemmReference.random(random, m * k);
        float[] b = GemmReference.random(random, n * k);
        float[] bias = GemmReference.random(random, n);
        float[] c = new float[m * n];
        try (GemmScratch scratch = new GemmScratch(2)) {
            Gemm.nt(a, b, c, m, n, k, bias, Gemm.RELU, scratch);
        }
        GemmReference.check("plain nt", false, true, a, b, c, m, n, k, bias, Gemm.RELU);
    }
}
