package io.chainrule.codegen.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;

/**
 * What the CPU offers the Vector API kernels. On hardware without it the API runs vector operations in Java: 512-bit
 * species on an AVX2 CPU gave 1.4x the interpreter's speed on a sin(10x) step, and vectors without FMA made one
 * 100x120x784 product take 10 s instead of 171 us (-XX:UseAVX=2 -XX:-UseFMA). Only {@link Gemm} refers to this class,
 * after it has found jdk.incubator.vector.
 */
final class VectorHardware {
    private VectorHardware() {
    }

    /** The CPU's preferred vector width in bits: 512 with AVX-512, 256 with AVX2. */
    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Whether the kernels run fast here: vectors of 256 bits or more, with fused multiply-add. */
    static boolean fast() {
        return preferredBits() >= 256 && fma();
    }

    /** Whether the kernels can run at all, if slowly (their half-width tiles need 128-bit vectors), for their tests. */
    static boolean runnable() {
        return preferredBits() >= 128 && fma();
    }

    /** HotSpot's UseFMA; assumed on where the VM has no such option. */
    private static boolean fma() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null || Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
