package io.chainrule.examples.bench;

import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.codegen.kernels.GemmScratch;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** An MLP product computed by {@link Gemm} on up to {@code threads} threads. */
@State(Scope.Thread)
public class GemmOperands extends ProductOperands {
    @Param({"1", "2"})
    public int threads;

    private GemmScratch scratch;

    @Setup
    public void startThreads() {
        scratch = new GemmScratch(threads);
    }

    @TearDown
    public void stopThreads() {
        scratch.close();
    }

    float[] gemm() {
        MlpProduct p = product;
        if (p.transposeA) {
            Gemm.tn(a, b, c, p.m, p.n, p.k, bias, epilogue, scratch);
        } else if (p.transposeB) {
            Gemm.nt(a, b, c, p.m, p.n, p.k, bias, epilogue, scratch);
        } else {
            Gemm.nn(a, b, c, p.m, p.n, p.k, bias, epilogue, scratch);
        }
        return c;
    }
}
