package io.chainrule.examples.cli;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Times one training step (forward, backward, Adam) compiled and interpreted in one process, after warm-up, on one
 * random batch, or with {@code --data} on shuffled MNIST batches refilled before every step as {@code train} feeds them
 * (the fill timed with the step, since a user waits for both): a figure to compare side by side, not a guarantee (the
 * machines are shared). JMH benchmarks give the careful figures; this gives a quick ratio.
 */
@Command(name = "bench", sortOptions = false,
        description = "Time a model's training step compiled and interpreted, and print the speedup; mlp: an MLP of "
                + "--hidden's widths on MNIST's images and ten classes, as train builds it.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSelection model;

    @Mixin
    MlpShape mlpShape;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
            description = "Warm-up and then measurement time per backend (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--data", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
            description = "Feed shuffled MNIST training batches, refilled before every step as train does, the fill "
                    + "timed with the step; DIR: where MNIST is (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Override
    public Integer call() {
        model.offerMlp(mlpShape);
        Graph forward = model.build(DType.F32);
        if (!forward.outputs().containsKey("loss")) {
            throw new ParameterException(spec.commandLine(), "model " + model.name() + " has no loss to train");
        }
        Graph train = TrainingGraph.build(forward, "loss", Adam.defaults());
        PrintWriter out = spec.commandLine().getOut();
        CompiledStep step = CompiledBackend.compile(train);
        double compileMs = CompiledBackend.compileNanos(train) / 1e6;
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(train, 1));
        feeds.putAll(Parameters.initialize(train, 1));
        step.bind(feeds);
        ShuffledBatches batches = data == null ? null : mnistBatches(train, feeds);
        double flops = matmulFlops(train);
        out.printf("%s training step (Adam), batch %d: %d nodes, %d kernels, %.1f MFLOP in products%n",
                model.describe(train), train.inputs().get(0).shape().dim(0), train.size(), step.plan().kernelCount(),
                flops / 1e6);
        out.printf("products on %s%n", Gemm.usesVectorApi()
                ? "the Vector API (" + Gemm.vectorBits() + "-bit vectors)"
                : "plain Java loops (start java with --add-modules jdk.incubator.vector, on a CPU with AVX2 or "
                + "AVX-512, for the Vector API)");
        out.printf("compile (graph to loaded class): %.1f ms%n", compileMs);
        out.println(batches == null ? "data: one random batch, the same every step"
                : "data: shuffled MNIST training batches, refilled before every step (timed with it)");
        double compiled = msPerStep(fed(batches, step::run));
        step.close();
        out.printf("compiled:    %9.4f ms/step  %6.1f GFLOP/s%n", compiled, flops / compiled / 1e6);
        Map<String, Tensor> interpreterFeeds = new HashMap<>(feeds);
        Executable interpreter = new Interpreter().prepare(train);
        double interpreted = msPerStep(fed(batches, () -> interpreter.run(interpreterFeeds)));
        out.printf("interpreted: %9.4f ms/step  %6.1f GFLOP/s%n", interpreted, flops / interpreted / 1e6);
        out.printf("speedup compiled/interpreted: %.1f%n", interpreted / compiled);
        out.flush();
        return 0;
    }

    /**
     * MNIST's 60,000 training images in batches of the step's size; the step must take MNIST's images and labels, as
     * mnist-mlp, mnist-linear, the mlp and model sources of {@code @Input(shape = {1, 28, 28})} do.
     */
    private ShuffledBatches mnistBatches(Graph train, Map<String, Tensor> feeds) {
        Tensor x = feeds.get("x");
        Tensor y = feeds.get("y");
        int batch = train.inputs().get(0).shape().dim(0);
        if (x == null || y == null || !x.type().equals(TensorType.of(DType.F32, batch, 1, 28, 28))
                || y.dtype() != DType.I32) {
            throw new ParameterException(spec.commandLine(), "--data feeds MNIST's 28x28 images and labels; model "
                    + model.name() + " takes " + train.inputs().stream().map(n -> n.name() + " " + n.type())
                    .collect(Collectors.joining(", ")));
        }
        Path dir = ModelData.mnistDirectory(ModelData.location(spec, data.isEmpty() ? null : data));
        Dataset images;
        try {
            images = Mnist.train(dir);
        } catch (IOException e) {
            throw new CommandFailure("cannot read MNIST in " + dir + ": " + e.getMessage());
        }
        if (images.size() < batch) {
            throw new CommandFailure("MNIST in " + dir + " has " + images.size() + " training images, fewer than "
                    + "one batch of " + batch);
        }
        return new ShuffledBatches(images, batch, 1, x, y);
    }

    /** The step, after the next batch when there are batches to feed. */
    private static Runnable fed(ShuffledBatches batches, Runnable step) {
        return batches == null ? step : () -> {
            batches.next();
            step.run();
        };
    }

    /** The median of per-step times over the measurement window, after as long a warm-up. */
    private double msPerStep(Runnable step) {
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        double[] samples = new double[100_000];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (n < samples.length && (n < 5 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            step.run();
            samples[n++] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /** 2mnk for every matrix product of the step. */
    static double matmulFlops(Graph g) {
        double flops = 0;
        for (Node n : g.nodes()) {
            if (n.op() == OpCode.MATMUL) {
                Node a = g.node(n.input(0));
                int k = n.attrs(Attrs.MatMul.class).transposeA() ? a.shape().dim(0) : a.shape().dim(1);
                flops += 2.0 * n.shape().dim(0) * n.shape().dim(1) * k;
            }
        }
        return flops;
    }
}
