package io.chainrule.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Sgd;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    /** Two gaussian blobs per class in 2-D, three classes: learnable by a small MLP, not perfectly by chance. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
            x[2 * i] = (float) (Math.cos(2 * Math.PI * y[i] / 3) * 2 + rng.nextGaussian() * 0.5);
            x[2 * i + 1] = (float) (Math.sin(2 * Math.PI * y[i] / 3) * 2 + rng.nextGaussian() * 0.5);
        }
        return Dataset.classification(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    static final IntFunction<Graph> MLP = batch -> {
        GraphBuilder g = new GraphBuilder("blobs_mlp");
        Value x = g.input("x", DType.F32, batch, 2);
        Value y = g.input("y", DType.I32, batch);
        Value logits = new Linear("out", 16, 3).apply(new Linear("hidden", 2, 16).apply(x).tanh());
        g.output("output", logits);
        g.output("loss", logits.crossEntropy(y));
        return g.build();
    };

    private static Trainer trainer(TrainingConfig config, ByteArrayOutputStream log) {
        return new Trainer(MLP, Adam.of(0.01), new Interpreter(), config, new PrintStream(log), false);
    }

    @Test
    void lossFallsAndAccuracyRises() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer t = trainer(new TrainingConfig(8, 20, 1, 0, 64, false), log);
        Evaluation before = t.evaluate(blobs(300, 9));
        History h = t.fit(blobs(600, 2), blobs(300, 9));
        assertEquals(8, h.epochs().size());
        assertTrue(h.epochs().get(7).trainLoss() < h.epochs().get(0).trainLoss() / 2, h.epochs().toString());
        assertTrue(h.epochs().get(7).validation().accuracy() > 0.95, h.epochs().toString());
        assertTrue(before.accuracy() < 0.7, "untrained accuracy " + before.accuracy());
        assertTrue(log.toString().startsWith("epoch 1/8: train loss "), log.toString());
    }

    @Test
    void theSameSeedGivesBitIdenticalLosses() {
        List<EpochRecord> a = trainer(new TrainingConfig(3, 32, 7, 0, 100, false), new ByteArrayOutputStream())
                .fit(blobs(320, 2), blobs(100, 3)).epochs();
        List<EpochRecord> b = trainer(new TrainingConfig(3, 32, 7, 0, 100, false), new ByteArrayOutputStream())
                .fit(blobs(320, 2), blobs(100, 3)).epochs();
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.doubleToRawLongBits(a.get(i).trainLoss()), Double.doubleToRawLongBits(b.get(i).trainLoss()));
            assertEquals(a.get(i).validation(), b.get(i).validation());
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsParameters() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer t = new Trainer(MLP, Sgd.of(3.0), new Interpreter(), new TrainingConfig(30, 10, 1, 2, 50, false),
                new PrintStream(log), false);
        Dataset validation = blobs(100, 5);
        History h = t.fit(blobs(100, 4), validation);
        assertTrue(h.epochs().size() < 30, "an unstable learning rate should stop early: " + h.epochs());
        double best = h.epochs().stream().mapToDouble(e -> e.validation().loss()).min().orElseThrow();
        assertEquals(best, t.evaluate(validation).loss(), 1e-6);
        assertTrue(log.toString().contains("early stopping: no better validation loss for 2 epochs; keeping epoch"));
    }

    @Test
    void aNonFiniteLossNamesTheNodeThatProducedIt() {
        IntFunction<Graph> logOfNegative = batch -> {
            GraphBuilder g = new GraphBuilder("bad");
            Value x = g.input("x", DType.F32, batch, 2);
            Value y = g.input("y", DType.I32, batch);
            Value logits = new Linear("out", 2, 3).apply(x).sub(100).log().named("log_of_negative");
            g.output("output", logits);
            g.output("loss", logits.crossEntropy(y));
            return g.build();
        };
        Trainer t = new Trainer(logOfNegative, Adam.defaults(), new Interpreter(),
                new TrainingConfig(1, 10, 1, 0, 10, true), new PrintStream(new ByteArrayOutputStream()), false);
        TrainingException e = assertThrows(TrainingException.class, () -> t.fit(blobs(20, 1), null));
        assertTrue(e.getMessage().matches("loss is NaN at epoch 1, batch 1: first produced by %\\d+ log log_of_negative "
                + "\\(at TrainerTest\\.java:\\d+\\): 30 of 30 elements NaN or infinite"), e.getMessage());
    }

    /** The first step's loss is finite, but 1e10 times its gradient (about 1e29) overflows float32. */
    @Test
    void anUpdateThatMakesAParameterNonFiniteIsNamedAtTheStepThatMadeIt() {
        IntFunction<Graph> steepLoss = batch -> {
            GraphBuilder g = new GraphBuilder("steep");
            Value x = g.input("x", DType.F32, batch, 2);
            Value y = g.input("y", DType.I32, batch);
            Value logits = new Linear("out", 2, 3).apply(x);
            g.output("output", logits);
            g.output("loss", logits.crossEntropy(y).mul(1e30));
            return g.build();
        };
        Trainer t = new Trainer(steepLoss, Sgd.of(1e10), new Interpreter(), new TrainingConfig(1, 10, 1, 0, 10, true),
                new PrintStream(new ByteArrayOutputStream()), false);
        TrainingException e = assertThrows(TrainingException.class, () -> t.fit(blobs(20, 1), null));
        assertTrue(e.getMessage().matches("the update at epoch 1, batch 1 left NaN or infinity in out\\.weight \\(6 of 6 "
                + "elements\\): first produced by %\\d+ mul \\(at update sgd out\\.weight\\): 6 of 6 elements NaN or "
                + "infinite"), e.getMessage());
    }

    @Test
    void historyIsWrittenAsCsv(@TempDir Path dir) throws Exception {
        History h = trainer(new TrainingConfig(2, 20, 1, 0, 50, false), new ByteArrayOutputStream())
                .fit(blobs(100, 2), blobs(50, 3));
        Path csv = dir.resolve("history.csv");
        h.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(EpochRecord.CSV_HEADER, lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).matches("2(,[0-9.E-]+){5}"), lines.get(2));
    }

    @Test
    void theHistoryGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes(@TempDir Path dir) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Path csv = dir.resolve("history.csv");
        trainer(new TrainingConfig(1, 20, 1, 0, 50, false), new ByteArrayOutputStream()).fit(blobs(40, 2), null)
                .writeCsv(csv);
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(csv));
    }

    @Test
    void withoutAValidationSetTheEpochsHaveNoValidationFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path csv = dir.resolve("history.csv");
        trainer(new TrainingConfig(1, 20, 1, 0, 50, false), log).fit(blobs(100, 2), null).writeCsv(csv);
        assertTrue(log.toString().matches("epoch 1/1: train loss \\d\\.\\d{4}, \\d+\\.\\d s, \\d+ examples/s\\R"),
                log.toString());
        String epoch = Files.readAllLines(csv).get(1);
        assertTrue(epoch.matches("1,[0-9.E-]+,,,[0-9.E-]+,[0-9.E-]+"), epoch);
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsAnError() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer t = trainer(new TrainingConfig(2, 20, 1, 2, 50, false), log);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(blobs(100, 2), null));
        assertEquals("early stopping (patience 2) needs a validation set", e.getMessage());
        assertEquals("", log.toString());
    }

    @Test
    void anEmptyValidationSetIsAnErrorBeforeTheFirstEpoch() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer t = trainer(new TrainingConfig(2, 20, 1, 0, 50, false), log);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(blobs(100, 2), blobs(0, 3)));
        assertEquals("the validation set has no examples: nothing to validate on (pass null to train without "
                + "validation)", e.getMessage());
        assertEquals("", log.toString());
    }

    @Test
    void evaluatingAnEmptySetIsAnError() {
        Trainer t = trainer(new TrainingConfig(1, 20, 1, 0, 50, false), new ByteArrayOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.evaluate(blobs(0, 3)));
        assertEquals("nothing to evaluate: the dataset has no examples", e.getMessage());
    }

    @Test
    void aTrainingSetSmallerThanOneBatchIsAnError() {
        Trainer t = trainer(new TrainingConfig(1, 50, 1, 0, 10, false), new ByteArrayOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(blobs(20, 1), null));
        assertEquals("the training set has 20 examples, fewer than one batch of 50: nothing to train on",
                e.getMessage());
    }
}
