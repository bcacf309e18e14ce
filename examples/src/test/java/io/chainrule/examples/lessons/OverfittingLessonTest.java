package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.model.EpochRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson's MLP overfits 1,000 real MNIST images, and early stopping keeps its best epoch. */
class OverfittingLessonTest {
    @TempDir
    Path out;

    private static OverfittingLesson.Outcome outcome;

    @BeforeAll
    static void train() throws IOException {
        outcome = OverfittingLesson.study(OverfittingLesson.Setup.of(true), DataLocation.of(null));
    }

    @Test
    void theValidationLossTurnsAndRisesWhileTheTrainingLossKeepsFalling() {
        List<EpochRecord> epochs = outcome.full().epochs();
        assertEquals(outcome.setup().epochs(), epochs.size());
        int best = outcome.bestEpoch();
        int last = epochs.size();
        assertTrue(best > 1 && best < last - OverfittingLesson.PATIENCE, "lowest validation loss at epoch " + best);
        assertTrue(outcome.validationLoss(last) > 1.1 * outcome.validationLoss(best),
                outcome.validationLoss(best) + " then " + outcome.validationLoss(last));
        assertTrue(epochs.get(last - 1).trainLoss() < 0.2 * epochs.get(best - 1).trainLoss());
        assertEquals(1.0, outcome.trainAccuracy()[last - 1], 0.005, "it memorizes its 1,000 images");
    }

    @Test
    void earlyStoppingStopsBeforeTheLastEpochAndKeepsTheBestEpochsParameters() {
        List<EpochRecord> early = outcome.early().epochs();
        assertNotNull(outcome.early().stoppedEarlyBecause());
        assertTrue(early.size() < outcome.setup().epochs(), early.size() + " epochs");
        // the same start and data order as the full run: the same epochs, until it stops
        for (int e = 0; e < early.size(); e++) {
            assertEquals(outcome.full().epochs().get(e).validation().loss(), early.get(e).validation().loss(), 0,
                    "epoch " + (e + 1));
        }
        int best = 0;
        for (int e = 1; e < early.size(); e++) {
            if (early.get(e).validation().loss() < early.get(best).validation().loss()) {
                best = e;
            }
        }
        assertEquals(early.size(), best + 1 + OverfittingLesson.PATIENCE, "stops " + OverfittingLesson.PATIENCE
                + " epochs after the best");
        assertEquals("early stopping: no better validation loss for 5 epochs; keeping epoch " + (best + 1),
                outcome.early().stoppedEarlyBecause());
        // the model it returns, measured again, has the best epoch's validation loss, not the last epoch's
        assertEquals(early.get(best).validation().loss(), outcome.kept().loss(), 1e-9);
        assertTrue(outcome.kept().loss() < early.get(early.size() - 1).validation().loss());
    }

    @Test
    void theLessonPrintsTheEpochsAndDrawsTheLossesWithTheKeptEpoch() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        OverfittingLesson.report(outcome, run);
        String printed = text.toString();
        int stop = outcome.early().last().epoch();
        assertTrue(printed.lines().anyMatch(l -> l.startsWith(String.format("%5d ", outcome.keptEpoch()))
                && l.endsWith("<- lowest validation loss")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith(String.format("%5d ", stop))
                && l.endsWith("<- early stopping stops here (patience 5)")), printed);
        assertTrue(printed.contains("keeping epoch " + outcome.keptEpoch()), printed);
        assertEquals(4, run.written().size());
        Svg loss = Svg.read(out.resolve("loss.svg"));
        assertEquals("MLP on 1,000 MNIST images: training and validation loss", loss.title());
        assertEquals("epoch", loss.xAxis());
        assertEquals("cross-entropy loss", loss.yAxis());
        List<String> marks = List.of("kept epoch " + outcome.keptEpoch(), "early stopping stops (epoch " + stop + ")");
        assertEquals(Stream.concat(marks.stream(), Stream.of("training loss", "validation loss")).toList(),
                loss.series());
        assertEquals(4, loss.curves());
        Svg accuracy = Svg.read(out.resolve("accuracy.svg"));
        assertEquals(Stream.concat(marks.stream(), Stream.of("training accuracy", "validation accuracy")).toList(),
                accuracy.series());
        assertEquals("accuracy", accuracy.yAxis());
        assertEquals(4, accuracy.curves());
    }
}
