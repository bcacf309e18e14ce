package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.OpCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoActivationsLessonTest {
    @TempDir
    Path out;

    @Test
    void tenLinearLayersCompileToOneProductWithTheSameOutputsAndOneStraightBoundary() {
        NoActivationsLesson.Study s = NoActivationsLesson.study(true);
        NoActivationsLesson.Merged m = s.merged();
        assertEquals(10, m.unmergedProducts(), m.unmergedKernels().toString());
        assertEquals(1, m.products(), m.kernels().toString());
        assertEquals(1, m.graph().nodes().stream().filter(n -> n.op() == OpCode.MATMUL).count());
        assertTrue(m.f32Error() < 1e-5, "float32 " + m.f32Error());
        assertTrue(m.f64Error() < 1e-13, "float64 " + m.f64Error());
        // the merged weights' line predicts every grid class of the stack, but where float32 rounding decides
        assertEquals(0, m.disagreementsOffLine());
        // a line's boundary points on the grid lie within half a step of it; the ReLU stack's stray far from any line
        assertTrue(s.linear().straightness() <= 0.75 * s.grid().cell(), "linear " + s.linear().straightness());
        assertTrue(s.relu().straightness() > 3 * s.grid().cell(), "relu " + s.relu().straightness());
        assertTrue(s.relu().accuracy() > s.linear().accuracy() + 0.05, s.relu().accuracy() + " vs "
                + s.linear().accuracy());
    }

    @Test
    void theLessonAnswersTheFirstQuestionWithBothBoundaries() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        new NoActivationsLesson().run(run);
        String printed = text.toString();
        assertTrue(printed.contains("Compiled: 2 kernels, 1 matrix product:"), printed);
        assertTrue(printed.contains("Check your understanding, question 1: stacking ten linear neurons does not make "
                + "the boundary any more complex."), printed);
        assertEquals(4, run.written().size());
        Svg linear = Svg.read(out.resolve("linear-stack-boundary.svg"));
        assertEquals("10 linear layers, no activation: one straight boundary", linear.title());
        assertEquals(List.of("stack predicts 0", "stack predicts 1", "moon 0", "moon 1",
                "merged: one matmul's boundary"), linear.series());
        assertEquals("x1", linear.xAxis());
        assertEquals(1, linear.curves());
        Svg relu = Svg.read(out.resolve("relu-stack-boundary.svg"));
        assertEquals("10 linear layers with ReLU between them: the boundary bends", relu.title());
        assertEquals(List.of("stack predicts 0", "stack predicts 1", "moon 0", "moon 1"), relu.series());
        assertEquals(0, relu.curves());
    }
}
