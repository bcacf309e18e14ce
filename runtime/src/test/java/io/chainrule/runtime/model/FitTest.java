package io.chainrule.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Sgd;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a fit checks before it starts, how it stops, and how it names a NaN. */
class FitTest {
    private static Model model(Layer network) {
        return Model.builder(network).name("blobs").input(2).seed(1).backend(new Interpreter()).build();
    }

    private static Dataset blobs(int n, long seed) {
        return ModelTest.blobs(n, seed);
    }

    private static final FitOptions OPTIONS = FitOptions.defaults().epochs(1).batchSize(20).optimizer(Adam.of(0.01))
            .seed(1);

    @Test
    void theSameSeedsGiveBitIdenticalLosses() {
        List<EpochRecord> a;
        List<EpochRecord> b;
        try (Model m = model(ModelTest.MLP)) {
            a = m.fit(blobs(320, 2), blobs(100, 3), OPTIONS.epochs(3).batchSize(32).seed(7)).epochs();
        }
        try (Model m = model(ModelTest.MLP)) {
            b = m.fit(blobs(320, 2), blobs(100, 3), OPTIONS.epochs(3).batchSize(32).seed(7)).epochs();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.doubleToRawLongBits(a.get(i).trainLoss()), Double.doubleToRawLongBits(b.get(i).trainLoss()));
            assertEquals(a.get(i).validation().summary(), b.get(i).validation().summary());
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsParameters() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Dataset validation = blobs(100, 5);
        try (Model m = model(ModelTest.MLP)) {
            History h = m.fit(blobs(100, 4), validation, OPTIONS.epochs(30).batchSize(10).optimizer(Sgd.of(3.0))
                    .patience(2), new ProgressBar(new PrintStream(log), false));
            assertTrue(h.epochs().size() < 30, "an unstable learning rate should stop early: " + h.epochs());
            double best = h.epochs().stream().mapToDouble(e -> e.validation().loss()).min().orElseThrow();
            assertEquals(best, m.evaluate(validation).loss(), 1e-6);
            assertEquals(String.valueOf(best), m.trainingRecord().metrics().get("validation_loss"));
            assertTrue(log.toString().contains("early stopping: no better validation loss for 2 epochs; keeping epoch"),
                    log.toString());
        }
    }

    @Test
    void aNonFiniteLossNamesTheNodeThatProducedIt() {
        Layer logOfNegative = x -> new Linear("out", 2, 3).apply(x).sub(100).log().named("log_of_negative");
        try (Model m = model(logOfNegative)) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> m.fit(blobs(20, 1), null, OPTIONS.batchSize(10).checkFinite(true)));
            assertTrue(e.getMessage().matches("loss is NaN at epoch 1, batch 1: first produced by %\\d+ log "
                    + "log_of_negative \\(at FitTest\\.java:\\d+\\): 30 of 30 elements NaN or infinite"),
                    e.getMessage());
        }
    }

    /** The first step's loss is finite (about 1e30), but 1e10 times its gradient overflows float32. */
    @Test
    void anUpdateThatMakesAParameterNonFiniteIsNamedAtTheStepThatMadeIt() {
        Layer steep = x -> new Linear("out", 2, 3).apply(x).mul(1e30);
        try (Model m = model(steep)) {
            TrainingException e = assertThrows(TrainingException.class, () -> m.fit(blobs(20, 1), null,
                    OPTIONS.batchSize(10).optimizer(Sgd.of(1e10)).checkFinite(true)));
            assertTrue(e.getMessage().matches("the update at epoch 1, batch 1 left NaN or infinity in out\\.\\w+ "
                    + "\\(\\d of \\d elements\\): first produced by %\\d+ \\w+ \\(at update sgd out\\.\\w+\\): \\d of \\d "
                    + "elements NaN or infinite"), e.getMessage());
        }
    }

    @Test
    void theHistoryGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes(@TempDir Path dir) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Path csv = dir.resolve("history.csv");
        try (Model m = model(ModelTest.MLP)) {
            m.fit(blobs(40, 2), null, OPTIONS).writeCsv(csv);
        }
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(csv));
    }

    @Test
    void withoutAValidationSetTheEpochsHaveNoValidationFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path csv = dir.resolve("history.csv");
        try (Model m = model(ModelTest.MLP)) {
            m.fit(blobs(100, 2), null, OPTIONS, new ProgressBar(new PrintStream(log), false)).writeCsv(csv);
        }
        assertTrue(log.toString().matches("epoch 1/1: train loss \\d\\.\\d{4}, (\\d+ ms|\\d+\\.\\d s), \\d+ examples/s\\R"),
                log.toString());
        assertEquals("epoch,train_loss,learning_rate,seconds,examples_per_second", Files.readAllLines(csv).get(0));
        assertTrue(Files.readAllLines(csv).get(1).matches("1,[0-9.E-]+,0\\.01,[0-9.E-]+,[0-9.E-]+"),
                Files.readString(csv));
    }

    @Test
    void whatCannotWorkIsAnErrorBeforeTheFirstEpoch() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(log), false);
        try (Model m = model(ModelTest.MLP)) {
            assertEquals("early stopping (patience 2) needs a validation set", assertThrows(
                    IllegalArgumentException.class, () -> m.fit(blobs(100, 2), null, OPTIONS.patience(2), bar))
                    .getMessage());
            assertEquals("the validation set has no examples: nothing to validate on (pass null to train without "
                    + "validation)", assertThrows(IllegalArgumentException.class,
                            () -> m.fit(blobs(100, 2), blobs(10, 3).rows(0, 0), OPTIONS, bar)).getMessage());
            assertEquals("nothing to evaluate: the dataset has no examples", assertThrows(
                    IllegalArgumentException.class, () -> m.evaluate(blobs(10, 3).rows(0, 0))).getMessage());
            assertEquals("the training set has 20 examples, fewer than one batch of 50: nothing to train on",
                    assertThrows(IllegalArgumentException.class,
                            () -> m.fit(blobs(20, 1), null, OPTIONS.batchSize(50), bar)).getMessage());
            assertEquals(0, m.trainingRecord().epochs());
        }
        assertEquals("", log.toString());
    }

    @Test
    void aScheduledLearningRateChangesInsideOneCompiledStep() {
        try (Model m = model(ModelTest.MLP)) {
            History h = m.fit(blobs(100, 2), null, OPTIONS.epochs(3).optimizer(Sgd.of(0.1))
                    .schedule(new io.chainrule.autodiff.LearningRateSchedule.StepDecay(1, 0.5)));
            assertEquals(List.of(0.1, 0.05, 0.025), h.epochs().stream().map(EpochRecord::learningRate).toList());
            assertEquals("step(step_size=1, gamma=0.5)", m.trainingRecord().schedule());
        }
    }
}
