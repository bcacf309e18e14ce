package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.Models;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuronLessonTest {
    @TempDir
    Path out;

    @Test
    void theTrainedNeuronsLineSeparatesTheBlobs() {
        PlaneData blobs = PlaneData.blobs(NeuronLesson.PER_CLASS, NeuronLesson.SEED);
        NeuronLesson.Result r = NeuronLesson.train(Models.find("neuron").orElseThrow().trainable().orElseThrow(),
                blobs, 40);
        assertEquals(blobs.size(), r.correct());
        for (int i = 0; i < blobs.size(); i++) {
            double z = r.w1() * blobs.x1()[i] + r.w2() * blobs.x2()[i] + r.b();
            assertEquals(blobs.labels()[i] == 1, z > 0, "point " + i);
        }
        assertTrue(r.loss() < r.losses()[0] / 10, r.losses()[0] + " -> " + r.loss());
    }

    @Test
    void theLessonPrintsTheGraphBesideItsBackwardGraphAndDrawsTheBoundary() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        new NeuronLesson().run(run);
        String printed = text.toString();
        assertTrue(printed.contains("  forward ") && printed.contains(" | backward\n"), printed);
        // sigmoid's row holds what its gradient rule made; the weight's gradient is an output
        String sigmoidRow = printed.lines().filter(l -> l.contains("= sigmoid %")).findFirst().orElseThrow();
        assertTrue(sigmoidRow.matches(".*\\| %\\d+:f32\\[20,1\\] = .*"), sigmoidRow);
        assertTrue(printed.contains("neuron.weight.grad=%"), printed);
        assertTrue(printed.contains("Accuracy (output > 0.5 for class 1): 200 of 200 points (100.0%)."), printed);
        assertEquals(4, run.written().size());

        Svg boundary = Svg.read(out.resolve("neuron-boundary.svg"));
        assertEquals("One neuron's decision boundary: sigmoid(w.x + b) = 0.5", boundary.title());
        assertEquals("x1", boundary.xAxis());
        assertEquals("x2", boundary.yAxis());
        assertEquals(List.of("class 0 (target 0)", "class 1 (target 1)", "w.x + b = 0 (output 0.5)", "output 0.1",
                "output 0.9"), boundary.series());
        assertEquals(3, boundary.curves());
        Svg loss = Svg.read(out.resolve("neuron-loss.svg"));
        assertEquals(List.of("training loss"), loss.series());
        assertEquals("epoch", loss.xAxis());
        assertEquals(1, loss.curves());
    }
}
