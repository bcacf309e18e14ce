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
 * {@link Gemm}'s plain-Java path, as a JVM started without jdk.incubator.vector runs it: the fork's arguments replace
 * the launcher's, so the module is not added.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class GemmFallbackBenchmark {
    @Setup
    public void requirePlainPath() {
        if (Gemm.usesVectorApi()) {
            throw new IllegalStateException("jdk.incubator.vector is in the boot layer");
        }
    }

    @Benchmark
    public float[] gemm(GemmOperands operands) {
        return operands.gemm();
    }
}
