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
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.BatchProgress;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The MNIST MLP's step three ways in one JVM, an epoch of each in turn so that a busy machine slows all three alike:
 * as {@code bench} times it (one random batch), as {@code bench --data} does (shuffled MNIST batches refilled before
 * every step), and as the training loop runs it ({@code Model.fit}, timed between batches by a listener). Prints each
 * round and the median ratios of rounds 2 on.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp examples/target/chainrule.jar
 * io.chainrule.examples.bench.TrainingLoopGap [rounds]}
 */
public final class TrainingLoopGap {
    private static final int BATCH = 100;

    private TrainingLoopGap() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Dataset images = Mnist.train(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES)).holdOutLast(5000)
                .train();
        Graph train = TrainingGraph.build(Models.find("mnist-mlp").orElseThrow().build(BATCH, DType.F32), "loss",
                Adam.defaults());
        Map<String, Tensor> randomFeeds = feeds(train);
        CompiledStep random = CompiledBackend.compile(train);
        random.bind(randomFeeds);
        Map<String, Tensor> dataFeeds = feeds(train);
        CompiledStep fed = CompiledBackend.compile(train);
        fed.bind(dataFeeds);
        DataLoader loader = DataLoader.shuffled(images, BATCH, DataLoader.LastBatch.DROP, 1);
        Model model = Model.builder(Models.find("mnist-mlp").orElseThrow().trainable().orElseThrow()).seed(1).build();
        int steps = loader.batches();
        double[][] ratios = new double[2][rounds - 1];
        for (int round = 1; round <= rounds; round++) {
            double[] times = new double[steps];
            for (int b = 0; b < steps; b++) {
                long t0 = System.nanoTime();
                random.run();
                times[b] = (System.nanoTime() - t0) / 1e6;
            }
            double bench = median(times);
            for (int b = 0; b < steps; b++) {
                long t0 = System.nanoTime();
                loader.fill(round, b, dataFeeds.get("x"), dataFeeds.get("y"));
                fed.run();
                times[b] = (System.nanoTime() - t0) / 1e6;
            }
            double benchData = median(times);
            long[] ends = new long[steps];
            int[] ended = {0};
            model.fit(images, null, FitOptions.defaults().epochs(1).batchSize(BATCH).optimizer(Adam.defaults())
                    .seed(1), new TrainingListener() {
                        @Override
                        public void batchEnded(BatchProgress progress) {
                            ends[ended[0]++] = System.nanoTime();
                        }
                    });
            double[] between = new double[steps - 1];
            for (int b = 1; b < steps; b++) {
                between[b - 1] = (ends[b] - ends[b - 1]) / 1e6;
            }
            double loop = median(between);
            System.out.printf(Locale.ROOT, "round %d: bench %.4f ms, bench --data %.4f ms, training loop %.4f ms; "
                    + "loop/bench %.2f, loop/bench --data %.2f%n", round, bench, benchData, loop, loop / bench,
                    loop / benchData);
            if (round > 1) {
                ratios[0][round - 2] = loop / bench;
                ratios[1][round - 2] = loop / benchData;
            }
        }
        System.out.printf(Locale.ROOT, "median of rounds 2-%d: loop/bench %.2f, loop/bench --data %.2f%n", rounds,
                median(ratios[0]), median(ratios[1]));
    }

    private static Map<String, Tensor> feeds(Graph train) {
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(train, 1));
        feeds.putAll(Parameters.initialize(train, 1));
        return feeds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
