package io.chainrule.pytorchbench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.chainrule.autodiff.Adam;
import io.chainrule.examples.Models;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.History;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lesson's MNIST MLP trained by chainrule (its training loop, {@code Model.fit}, compiled) and by PyTorch through
 * DJL ({@link TorchMlp}) in one JVM, from the same initial weights, on the same shuffled batches, one epoch of each in
 * turn, so that whatever else the machine is doing falls on both alike; then inference over MNIST's 10,000 test
 * images, one run of each in turn. Prints each round and the ratios chainrule/PyTorch.
 *
 * <p>Usage: {@code SideBySide [rounds]} (default 5). Threads: {@code -Dchainrule.gemm.threads=N} for chainrule,
 * {@code -Dai.djl.pytorch.num_threads=N} with {@code OMP_NUM_THREADS=N} for PyTorch; run.sh sets both.
 */
public final class SideBySide {
    private static final int BATCH = 100;
    private static final int INFERENCE_RUNS = 20;

    private SideBySide() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (rounds < 2) {
            throw new IllegalArgumentException("rounds must be at least 2 (the first is warm-up), got " + rounds);
        }
        Path dir = DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES);
        Dataset train = Mnist.train(dir);
        Dataset test = Mnist.test(dir);
        Model model = Model.builder(Models.find("mnist-mlp").orElseThrow().trainable().orElseThrow()).seed(1).build();
        try (TorchMlp torch = new TorchMlp(model.parameters());
             TorchBatches batches = new TorchBatches(torch.manager(), train, BATCH, 1)) {
            System.out.printf(Locale.ROOT, "MNIST MLP 784-120-84-10, Adam 0.001, batch %d, %d images an epoch; java %s;"
                    + " chainrule threads %s, PyTorch %s threads %d%n", BATCH, train.size(),
                    System.getProperty("java.version"), System.getProperty("chainrule.gemm.threads", "all"),
                    Engine.getEngine("PyTorch").getVersion(), JniUtils.getNumThreads());
            double[][] chainrule = new double[rounds][];
            double[][] pytorch = new double[rounds][];
            double firstStep = 0;
            for (int round = 1; round <= rounds; round++) {
                EpochClock clock = new EpochClock(train.size() / BATCH);
                History h = model.fit(train, null, FitOptions.defaults().epochs(1).batchSize(BATCH)
                        .optimizer(Adam.defaults()).seed(1), clock);
                if (round == 1) {
                    firstStep = clock.firstStepMs();
                }
                chainrule[round - 1] = new double[] {h.last().seconds() * 1000, clock.stepMedianMs(),
                        h.last().trainLoss()};
                pytorch[round - 1] = torchEpoch(torch, batches, round);
                double[] ours = chainrule[round - 1];
                double[] theirs = pytorch[round - 1];
                System.out.printf(Locale.ROOT, "round %d: chainrule epoch %.0f ms, step %.3f ms, loss %.4f | PyTorch "
                        + "epoch %.0f ms, step %.3f ms, loss %.4f | ratio epoch %.2f, step %.2f%n", round, ours[0],
                        ours[1], ours[2], theirs[0], theirs[1], theirs[2], ours[0] / theirs[0], ours[1] / theirs[1]);
            }
            double[] inference = inference(model, torch, test);
            double accuracy = ((ClassificationMetrics) model.evaluate(test)).accuracy();
            Tensor images = test.featureTensor();
            double torchAccuracy = torch.accuracy(images.floats(), test.targetTensor().ints(), test.size());
            System.out.println();
            System.out.printf(Locale.ROOT, "%-40s %12s %12s %8s%n", "", "chainrule", "PyTorch", "ratio");
            row("steady epoch (median of rounds 2-" + rounds + "), ms", steady(chainrule, 0), steady(pytorch, 0),
                    steadyRatio(chainrule, pytorch, 0));
            row("step, one loop iteration (median), ms", steady(chainrule, 1), steady(pytorch, 1),
                    steadyRatio(chainrule, pytorch, 1));
            row("first epoch, ms", chainrule[0][0], pytorch[0][0], chainrule[0][0] / pytorch[0][0]);
            row("first epoch / steady epoch", chainrule[0][0] / steady(chainrule, 0),
                    pytorch[0][0] / steady(pytorch, 0), Double.NaN);
            System.out.printf(Locale.ROOT, "%-40s %12.0f%n", "fit() to first finished step, ms", firstStep);
            row("forward of 10,000 test images (median), ms", inference[0], inference[1], inference[2]);
            System.out.printf(Locale.ROOT, "%-40s %12.4f %12.4f%n", "test accuracy after " + rounds + " epochs",
                    accuracy, torchAccuracy);
        }
    }

    /** One epoch of PyTorch on the batches chainrule's fit takes in epoch {@code epoch}: ms, median step ms, loss. */
    private static double[] torchEpoch(TorchMlp torch, TorchBatches batches, int epoch) {
        double[] steps = new double[batches.batches()];
        double lossSum = 0;
        long start = System.nanoTime();
        long last = start;
        for (int b = 0; b < batches.batches(); b++) {
            try (NDManager step = torch.manager().newSubManager()) {
                NDArray[] batch = batches.batch(step, epoch, b);
                batch[0].attach(step);
                batch[1].attach(step);
                lossSum += torch.step(batch[0], batch[1]);
            }
            long now = System.nanoTime();
            steps[b] = (now - last) / 1e6;
            last = now;
        }
        return new double[] {(last - start) / 1e6, Stats.median(steps), lossSum / batches.batches()};
    }

    /** Median ms of chainrule's compiled forward and of PyTorch's over all test images, in turn; and their ratio. */
    private static double[] inference(Model model, TorchMlp torch, Dataset test) {
        Graph forward = model.forward(test.size(), false);
        Map<String, Tensor> feeds = new HashMap<>(model.parameters());
        Tensor images = test.featureTensor();
        feeds.put("x", images);
        NDArray torchImages = torch.manager().create(images.floats(), new Shape(test.size(), 784));
        double[] ours = new double[INFERENCE_RUNS];
        double[] theirs = new double[INFERENCE_RUNS];
        double[] ratios = new double[INFERENCE_RUNS];
        try (BoundStep step = Backends.preferred().prepare(forward).bind(feeds)) {
            for (int run = -3; run < INFERENCE_RUNS; run++) {
                long t0 = System.nanoTime();
                step.run();
                long t1 = System.nanoTime();
                torch.infer(torchImages);
                long t2 = System.nanoTime();
                if (run >= 0) {
                    ours[run] = (t1 - t0) / 1e6;
                    theirs[run] = (t2 - t1) / 1e6;
                    ratios[run] = ours[run] / theirs[run];
                }
            }
        }
        return new double[] {Stats.median(ours), Stats.median(theirs), Stats.median(ratios)};
    }

    private static double steady(double[][] rounds, int column) {
        double[] values = new double[rounds.length - 1];
        for (int r = 1; r < rounds.length; r++) {
            values[r - 1] = rounds[r][column];
        }
        return Stats.median(values);
    }

    /** The median of the rounds' own ratios, each measured back to back. */
    private static double steadyRatio(double[][] ours, double[][] theirs, int column) {
        double[] ratios = new double[ours.length - 1];
        for (int r = 1; r < ours.length; r++) {
            ratios[r - 1] = ours[r][column] / theirs[r][column];
        }
        return Stats.median(ratios);
    }

    private static void row(String what, double ours, double theirs, double ratio) {
        System.out.printf(Locale.ROOT, "%-40s %12.3f %12.3f %8s%n", what, ours, theirs,
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio));
    }
}
