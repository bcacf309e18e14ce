package io.chainrule.examples.bench;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MNIST MLP's step on one thread and on two in one JVM, an epoch's 600 steps of each in turn, so that a busy
 * machine slows both alike: prints each round's median steps and their ratio, then the median ratio of rounds 2 on.
 * The two steps are compiled from the same graph, each with its own working memory and threads (the thread cap is
 * read as each step is made).
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp examples/target/chainrule.jar
 * io.chainrule.examples.bench.ThreadScaling [rounds]}
 */
public final class ThreadScaling {
    private static final int BATCH = 100;
    private static final int STEPS = 600;

    private ThreadScaling() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Graph train = TrainingGraph.build(Models.find("mnist-mlp").orElseThrow().build(BATCH, DType.F32), "loss",
                Adam.defaults());
        CompiledStep[] steps = {stepOn(train, 1), stepOn(train, 2)};
        double[] ratios = new double[rounds - 1];
        for (int round = 1; round <= rounds; round++) {
            double[] medians = new double[2];
            for (int s = 0; s < 2; s++) {
                double[] times = new double[STEPS];
                for (int b = 0; b < STEPS; b++) {
                    long t0 = System.nanoTime();
                    steps[s].run();
                    times[b] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(times);
                medians[s] = times[STEPS / 2];
            }
            System.out.printf(Locale.ROOT, "round %d: 1 thread %.4f ms, 2 threads %.4f ms, ratio %.2f%n", round,
                    medians[0], medians[1], medians[1] / medians[0]);
            if (round > 1) {
                ratios[round - 2] = medians[1] / medians[0];
            }
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median ratio of rounds 2-%d: %.2f%n", rounds, ratios[ratios.length / 2]);
    }

    private static CompiledStep stepOn(Graph train, int threads) {
        System.setProperty("chainrule.gemm.threads", Integer.toString(threads));
        CompiledStep step = CompiledBackend.compile(train);
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(train, 1));
        feeds.putAll(Parameters.initialize(train, 1));
        step.bind(feeds);
        return step;
    }
}
