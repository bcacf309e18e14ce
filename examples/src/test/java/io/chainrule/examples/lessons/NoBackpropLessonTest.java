package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.lessons.NoBackpropLesson.Timing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One quick run of the lesson. Times are measured and printed, never asserted: the tests check the table's structure
 * and the ratio's growth with the parameter count, which is about 2P times a forward pass over a backward pass and so
 * grows fourfold from one width to the next, far more than a busy machine moves a timing.
 */
class NoBackpropLessonTest {
    @TempDir
    static Path out;
    static List<Timing> timings;
    static String printed;

    @BeforeAll
    static void runTheLesson() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        timings = new NoBackpropLesson().show(new LessonRun(new PrintStream(text, true), out, true));
        printed = text.toString();
    }

    @Test
    void theTableHasEveryWidthWithItsParameterCount() {
        assertEquals(NoBackpropLesson.QUICK_WIDTHS.length, timings.size());
        for (int i = 0; i < timings.size(); i++) {
            Timing t = timings.get(i);
            int h1 = NoBackpropLesson.QUICK_WIDTHS[i][0];
            int h2 = NoBackpropLesson.QUICK_WIDTHS[i][1];
            assertEquals(List.of(h1, h2), List.of(t.hidden1(), t.hidden2()));
            assertEquals(784L * h1 + h1 + (long) h1 * h2 + h2 + h2 * 10L + 10, t.parameters());
            assertEquals(NoBackpropLesson.QUICK_SAMPLED, t.sampled());
            assertTrue(t.forwardPass() > 0 && t.backprop() > 0, t.toString());
            assertTrue(printed.contains(String.format(Locale.ROOT, "%n%9s %,10d ", t.widths(), t.parameters())),
                    printed);
        }
    }

    @Test
    void theRatioGrowsWithTheParameterCount() {
        for (int i = 1; i < timings.size(); i++) {
            assertTrue(timings.get(i).parameters() > timings.get(i - 1).parameters());
            assertTrue(timings.get(i).ratio() > timings.get(i - 1).ratio(), timings.toString());
        }
    }

    @Test
    void theSampledDifferencesAreGradients() {
        // f32 losses and a step of 0.01: close to backprop's gradient, not equal to it
        for (Timing t : timings) {
            assertTrue(t.agreement() < 0.25, t.toString());
        }
    }

    @Test
    void theLessonAnswersTheThirdQuestionAndDrawsTheRatioAndTheTimes() throws Exception {
        assertTrue(printed.contains("The lesson's third question"), printed);
        Svg ratio = Svg.read(out.resolve("ratio.svg"));
        assertEquals("Gradient by central differences over one backward pass", ratio.title());
        assertEquals("parameters P", ratio.xAxis());
        assertEquals("time ratio", ratio.yAxis());
        assertEquals(List.of("central differences / backprop, measured",
                "2P: the ratio if backprop cost one forward pass"), ratio.series());
        assertEquals(2, ratio.curves());
        Svg times = Svg.read(out.resolve("times.svg"));
        assertEquals("Time for one full gradient of the MLP", times.title());
        assertEquals("seconds", times.yAxis());
        assertEquals(List.of("central differences (extrapolated)", "backprop (measured)"), times.series());
        assertEquals(2, times.curves());
        assertEquals(Arrays.asList("10.0 ms", "1.5 s", "2.0 min", "2.5 h"), Arrays.asList(
                NoBackpropLesson.duration(0.01), NoBackpropLesson.duration(1.5), NoBackpropLesson.duration(120),
                NoBackpropLesson.duration(9000)));
    }
}
