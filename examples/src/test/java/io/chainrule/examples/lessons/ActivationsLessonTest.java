package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.nn.Activation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsLessonTest {
    @TempDir
    Path out;

    @Test
    void sigmoidsDerivativeByAutodiffPeaksAtAQuarterAtZero() {
        ActivationsLesson.Curve sigmoid = ActivationsLesson.curve("sigmoid", Activation.SIGMOID, 1001);
        double[] peak = sigmoid.peak();
        assertEquals(0.25, peak[0], 1e-7);
        assertEquals(0, peak[1], 1e-9);
        for (int i = 0; i < sigmoid.x().length; i++) {
            double s = 1 / (1 + Math.exp(-sigmoid.x()[i]));
            assertEquals(s * (1 - s), sigmoid.derivative()[i], 1e-6, "x = " + sigmoid.x()[i]);
        }
    }

    @Test
    void reluPassesAllOrNothingAndTanhsDerivativeIsOneAtZero() {
        ActivationsLesson.Curve relu = ActivationsLesson.curve("relu", Activation.RELU, 201);
        for (int i = 0; i < relu.x().length; i++) {
            assertEquals(relu.x()[i] > 0 ? 1 : 0, relu.derivative()[i], 0, "x = " + relu.x()[i]);
        }
        assertEquals(1, ActivationsLesson.curve("tanh", Activation.TANH, 201).derivative()[100], 1e-7);
    }

    @Test
    void theLessonPrintsItsTableAndDrawsEachFunctionWithItsDerivative() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        new ActivationsLesson().run(run);
        String printed = text.toString();
        assertTrue(printed.contains("sigmoid's derivative f(x)(1 - f(x)) peaks at 0.2500, at x = 0.000"), printed);
        assertEquals(12, run.written().size());
        for (String name : ActivationsLesson.FUNCTIONS.keySet()) {
            Svg svg = Svg.read(out.resolve(name + ".svg"));
            assertEquals(name + " and its derivative (autodiff)", svg.title());
            assertEquals("x", svg.xAxis());
            assertEquals(List.of(name + "(x)", name + "'(x)"), svg.series());
            assertEquals(2, svg.curves(), name);
        }
    }
}
