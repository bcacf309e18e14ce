package io.chainrule.codegen.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The products run at the CPU's preferred width; surefire's avx2-vectors run (-XX:UseAVX=2) makes that 256 bits. */
class VectorWidthTest {

    @Test
    void productsRunAtThePreferredWidth() {
        assumeTrue(Gemm.usesVectorApi(), "this CPU has no 256-bit vectors: the products run on plain loops");
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(preferred, Gemm.vectorBits());
        boolean x86 = System.getProperty("os.arch").matches("amd64|x86_64");
        if (x86 && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:UseAVX=2")) {
            assertEquals(256, Gemm.vectorBits(), "the AVX2 run");
        }
    }
}
