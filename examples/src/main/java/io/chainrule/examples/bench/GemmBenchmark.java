package io.chainrule.examples.bench;

import io.chainrule.codegen.kernels.Gemm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Gemm} on the Vector API path against the same products in hand-written plain loops, at the MLP's shapes.
 * GFLOP/s = {@link MlpProduct#flops()} / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    @Setup
    public void requireVectorApi() {
        if (!Gemm.usesVectorApi()) {
            throw new IllegalStateException("jdk.incubator.vector is not in the boot layer");
        }
    }

    @Benchmark
    public float[] gemm(GemmOperands operands) {
        return operands.gemm();
    }

    @Benchmark
    public float[] plainLoops(ProductOperands operands) {
        return operands.plainLoops();
    }
}
