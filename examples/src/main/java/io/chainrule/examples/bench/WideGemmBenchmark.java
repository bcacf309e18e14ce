package io.chainrule.examples.bench;

import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.codegen.kernels.GemmScratch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three products of a square Linear layer of {@code width} features at batch {@code batch}, as the compiled step
 * calls them: the forward pass X W^T (NT), the weight gradient dY^T X (TN) and the input gradient dY W (NN). At width
 * 2048 the weight matrix (16 MB) does not fit any cache, which the MLP's products never show. GFLOP/s =
 * 2 * batch * width^2 / time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class WideGemmBenchmark {
    /** Neither bias nor relu: Gemm's epilogues other than {@link Gemm#RELU}. */
    private static final int NO_EPILOGUE = 0;

    @Param({"2048"})
    public int width;

    @Param({"100"})
    public int batch;

    @Param({"NT", "TN", "NN"})
    public String layout;

    @Param({"1"})
    public int threads;

    private float[] activations;
    private float[] weights;
    private float[] gradients;
    private float[] out;
    private GemmScratch scratch;

    @Setup
    public void fill() {
        if (!Gemm.usesVectorApi()) {
            throw new IllegalStateException("jdk.incubator.vector is not in the boot layer");
        }
        SplittableRandom random = new SplittableRandom(15);
        activations = random(random, batch * width);
        gradients = random(random, batch * width);
        weights = random(random, width * width);
        out = new float[width * width];
        scratch = new GemmScratch(threads);
    }

    @TearDown
    public void stopThreads() {
        scratch.close();
    }

    @Benchmark
    public float[] product() {
        switch (layout) {
            case "NT" -> Gemm.nt(activations, weights, out, batch, width, width, null, NO_EPILOGUE, scratch);
            case "TN" -> Gemm.tn(gradients, activations, out, width, width, batch, null, NO_EPILOGUE, scratch);
            case "NN" -> Gemm.nn(gradients, weights, out, batch, width, width, null, NO_EPILOGUE, scratch);
            default -> throw new IllegalArgumentException("layout " + layout + ": expected NT, TN or NN");
        }
        return out;
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
