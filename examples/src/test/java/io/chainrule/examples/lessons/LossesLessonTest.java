package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Gradients;
import io.chainrule.examples.lessons.LossesLesson.Loss;
import io.chainrule.examples.lessons.LossesLesson.Row;
import io.chainrule.runtime.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossesLessonTest {
    @TempDir
    Path out;

    @Test
    void confidentAndWrongMseGivesTheLogitsAGradientFarBelowCrossEntropys() {
        List<Row> rows = LossesLesson.rows(new double[] {0.99, 0.9999});
        for (Row r : rows) {
            assertTrue(r.gradientNorm(Loss.MSE) < 0.01 * r.gradientNorm(Loss.CROSS_ENTROPY), r.toString());
            // cross-entropy's gradient softmax - onehot tends to (0, 1, ..., -1, ...): norm sqrt(2)
            assertEquals(Math.sqrt(2), r.gradientNorm(Loss.CROSS_ENTROPY), 0.01);
        }
        // MSE's falls like 1 - p: a hundred times more confident, a hundred times smaller
        assertEquals(100, rows.get(0).gradientNorm(Loss.MSE) / rows.get(1).gradientNorm(Loss.MSE), 2);
    }

    @Test
    void theAutodiffGradientsAreTheClosedForms() {
        double p = 0.9;
        Tensor z = Tensor.of(LossesLesson.logits(p), 1, LossesLesson.CLASSES);
        Tensor y = Tensor.of(new int[] {LossesLesson.TRUE_CLASS}, 1);
        float[] ce = LossesLesson.gradientAtLogits(Loss.CROSS_ENTROPY, 1).run(Map.of("logits", z, "labels", y))
                .get(Gradients.outputName("logits")).floats();
        float[] mse = LossesLesson.gradientAtLogits(Loss.MSE, 1).run(Map.of("logits", z, "labels", y))
                .get(Gradients.outputName("logits")).floats();
        int classes = LossesLesson.CLASSES;
        double[] prob = new double[classes];
        double[] residual = new double[classes];
        double dot = 0;
        for (int c = 0; c < classes; c++) {
            prob[c] = c == LossesLesson.WRONG_CLASS ? p : (1 - p) / (classes - 1);
            residual[c] = 2 * (prob[c] - (c == LossesLesson.TRUE_CLASS ? 1 : 0)) / classes;
            dot += prob[c] * residual[c];
        }
        for (int c = 0; c < classes; c++) {
            double onehot = c == LossesLesson.TRUE_CLASS ? 1 : 0;
            assertEquals(prob[c] - onehot, ce[c], 1e-6, "cross-entropy, class " + c);
            // the softmax's Jacobian diag(p) - p p^T applied to MSE's slope 2 (p - y) / classes
            assertEquals(prob[c] * (residual[c] - dot), mse[c], 1e-6, "MSE, class " + c);
        }
    }

    @Test
    void fromNinetyNinePercentWrongCrossEntropyFixesThePredictionInFarFewerSteps() {
        double matched = LossesLesson.matchedRate();
        assertEquals(50, matched);
        int ce = LossesLesson.descent(Loss.CROSS_ENTROPY, 1, 0.99).stepsToRight();
        int mseSameRate = LossesLesson.descent(Loss.MSE, 1, 0.99).stepsToRight();
        int mseMatched = LossesLesson.descent(Loss.MSE, matched, 0.99).stepsToRight();
        assertTrue(ce > 0 && ce <= 5, "cross-entropy: " + ce);
        assertTrue(mseSameRate > 100 * ce, "MSE at rate 1: " + mseSameRate);
        assertTrue(mseMatched > 2 * ce, "MSE at the matched rate: " + mseMatched);
    }

    @Test
    void theLessonPrintsItsTablesAndDrawsBothLosses() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        new LossesLesson().run(run);
        String printed = text.toString();
        assertTrue(printed.contains("  0.9900   1.11e-03 |     6.8024   1.4064e+00 |     0.1978   2.3053e-03 |"),
                printed);
        assertTrue(printed.contains("    0.99 |              4 |"), printed);
        assertTrue(printed.contains("At p wrong = 0.99 cross-entropy's gradient at the logits is 610 times MSE's "
                + "(50 times"), printed);
        assertEquals(6, run.written().size());
        List<String> both = List.of("cross-entropy", "MSE of softmax probabilities");
        Svg gradient = Svg.read(out.resolve("gradient-at-logits.svg"));
        assertEquals("Gradient at the logits when confident and wrong", gradient.title());
        assertEquals("confidence in the wrong class, in nines: -log10(1 - p)", gradient.xAxis());
        assertEquals("norm of the gradient at the logits", gradient.yAxis());
        assertEquals(both, gradient.series());
        assertEquals(2, gradient.curves());
        Svg loss = Svg.read(out.resolve("loss.svg"));
        assertEquals("loss", loss.yAxis());
        assertEquals(both, loss.series());
        assertEquals(2, loss.curves());
        Svg descent = Svg.read(out.resolve("descent.svg"));
        assertEquals("Gradient descent on the logits from 99% wrong", descent.title());
        assertEquals(List.of("cross-entropy, rate 1", "MSE, rate 1", "MSE, rate 50"), descent.series());
        assertEquals(3, descent.curves());
    }
}
