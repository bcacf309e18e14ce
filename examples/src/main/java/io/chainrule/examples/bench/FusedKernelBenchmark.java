package io.chainrule.examples.bench;

import io.chainrule.autodiff.Adam;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import io.chainrule.ir.scalar.FloatMath;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;
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
 * The fused elementwise kernels that dominate a step's non-product time, compiled from a graph holding just them,
 * against the same arithmetic written by hand as one plain-Java loop over float arrays:
 * <ul>
 * <li>{@code adam}: Adam's whole update of the MNIST MLP's fc1.weight [120,784] from its gradient (moments, bias
 * corrections, the step), one loop in the compiled step;</li>
 * <li>{@code tanh-backward}: tanh and its gradient, {@code dx = dy (1 - tanh(x)^2)}, over [100,120].</li>
 * </ul>
 * The compiled case includes the step's fixed costs (one call through a method handle, the scalar kernel of the bias
 * corrections), which is what a step pays per kernel.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class FusedKernelBenchmark {
    private static final int ROWS = 120;
    private static final int COLS = 784;
    private static final double LR = 0.001;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    @Param({"adam", "tanh-backward"})
    public String kernel;

    @Param({"compiled", "handwritten"})
    public String impl;

    private CompiledStep compiled;
    private float[] w;
    private float[] g;
    private float[] m;
    private float[] v;
    private float[] x;
    private float[] dy;
    private float[] dx;
    private int step;

    @Setup
    public void setUp() {
        Graph graph = kernel.equals("adam") ? adamGraph() : tanhBackwardGraph();
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(graph, 1));
        feeds.putAll(Parameters.initialize(graph, 1));
        if (impl.equals("compiled")) {
            compiled = CompiledBackend.compile(graph);
            compiled.bind(feeds);
        } else if (kernel.equals("adam")) {
            w = feeds.get("w").floats();
            g = feeds.get("g").floats();
            m = new float[w.length];
            v = new float[w.length];
        } else {
            x = feeds.get("x").floats();
            dy = feeds.get("dy").floats();
            dx = new float[x.length];
        }
    }

    private static Graph adamGraph() {
        GraphBuilder b = new GraphBuilder("adam_update");
        Value w = b.parameter("w", new Initializer.LinearDefault(COLS), ROWS, COLS);
        Value g = b.input("g", DType.F32, ROWS, COLS);
        Value count = b.state("step", new Initializer.Zeros(), DType.F32);
        Value t = count.add(1);
        b.update("step", t);
        new Adam(LR, BETA1, BETA2, EPS, 0, false).update(w, g, t);
        return b.build();
    }

    private static Graph tanhBackwardGraph() {
        GraphBuilder b = new GraphBuilder("tanh_backward");
        Value x = b.input("x", DType.F32, 100, 120);
        Value dy = b.input("dy", DType.F32, 100, 120);
        b.output("dx", dy.mul(x.tanh().square().neg().add(1)));
        return b.build();
    }

    @TearDown
    public void tearDown() {
        if (compiled != null) {
            compiled.close();
        }
    }

    @Benchmark
    public Object run() {
        if (compiled != null) {
            compiled.run();
            return compiled;
        }
        if (kernel.equals("adam")) {
            adam();
            return w;
        }
        tanhBackward();
        return dx;
    }

    /** torch.optim.Adam's update, as Adam's subgraph computes it. */
    private void adam() {
        step++;
        float stepSize = (float) (LR / (1 - Math.pow(BETA1, step)));
        float sqrtCorrection2 = (float) Math.sqrt(1 - Math.pow(BETA2, step));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPS;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = m[i] * b1 + gi * (1 - b1);
            float vi = v[i] * b2 + gi * gi * (1 - b2);
            m[i] = mi;
            v[i] = vi;
            w[i] -= mi / ((float) Math.sqrt(vi) / sqrtCorrection2 + eps) * stepSize;
        }
    }

    private void tanhBackward() {
        for (int i = 0; i < x.length; i++) {
            float y = FloatMath.tanh(x[i]);
            dx[i] = dy[i] * (1 - y * y);
        }
    }
}
