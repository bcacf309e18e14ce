package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.codegen.CompiledBackend;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Backends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptronLessonTest {
    @TempDir
    Path out;

    private static PerceptronLesson.Trace learn(String gate, int epochs, boolean stop) {
        Backend compiled = Backends.preferred();
        assertInstanceOf(CompiledBackend.class, compiled);
        return PerceptronLesson.learn(compiled, PerceptronLesson.GATES.get(gate), epochs, stop);
    }

    @Test
    void theRuleLearnsAndAndOrOnTheCompiledStep() {
        for (String gate : List.of("AND", "OR")) {
            PerceptronLesson.Trace t = learn(gate, 100, true);
            assertTrue(t.converged() > 1, gate + " did not converge");
            assertEquals(t.converged(), t.epochs());
            assertEquals(0, t.mistakes().get(t.epochs() - 1));
            assertEquals(1.0, t.accuracy().get(t.epochs() - 1));
        }
    }

    @Test
    void theRuleNeverLearnsXorItKeepsGoingRoundACycle() {
        PerceptronLesson.Trace t = learn("XOR", PerceptronLesson.XOR_EPOCHS, false);
        assertEquals(-1, t.converged());
        assertEquals(1000, t.epochs());
        assertTrue(t.bestAccuracy() <= 0.75, "best " + t.bestAccuracy());
        assertTrue(t.mistakes().stream().allMatch(m -> m > 0));
        assertTrue(t.repeats() > t.repeated() && t.repeated() >= 0, t.repeats() + " " + t.repeated());
        // from the repetition on, the weights after each epoch recur with its period
        int period = t.repeats() - t.repeated();
        for (int e = t.repeats(); e < t.epochs(); e++) {
            assertEquals(List.of(t.states().get(e)[0], t.states().get(e)[1], t.states().get(e)[2]),
                    List.of(t.states().get(e - period)[0], t.states().get(e - period)[1],
                            t.states().get(e - period)[2]), "epoch " + (e + 1));
        }
    }

    @Test
    void anMlpWithTwoHiddenUnitsSolvesXor() {
        PerceptronLesson.Mlp mlp = PerceptronLesson.mlp(PerceptronLesson.MLP_SEED, PerceptronLesson.MLP_EPOCHS,
                new PlaneGrid(-0.5, 1.5, -0.5, 1.5, 21));
        assertEquals(1.0, mlp.accuracy());
        // the grid's corners are XOR's rows: (0, 0) and (1, 1) class 0, (0, 1) and (1, 0) class 1
        int[] c = mlp.gridClasses();
        assertEquals(List.of(0, 1, 1, 0), List.of(c[5 * 21 + 5], c[15 * 21 + 5], c[5 * 21 + 15], c[15 * 21 + 15]));
    }

    @Test
    void theLessonPrintsTheUpdateGraphAndDrawsTheBoundaries() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        LessonRun run = new LessonRun(new PrintStream(text, true), out, true);
        new PerceptronLesson().run(run);
        String printed = text.toString();
        assertTrue(printed.contains("  update perceptron.weight <- %"), printed);
        assertTrue(printed.contains("# update perceptron(eta=0.5)"), printed);
        assertTrue(printed.contains("Each step runs on the compiled backend."), printed);
        assertTrue(printed.matches("(?s).*AND  converged: epoch \\d+ made no mistake.*"), printed);
        assertTrue(printed.matches("(?s).*OR   converged: epoch \\d+ made no mistake.*"), printed);
        assertTrue(printed.contains("XOR  not converged after 1000 epochs"), printed);
        assertTrue(printed.contains("accuracy on XOR 100%"), printed);
        assertEquals(10, run.written().size());

        Svg and = Svg.read(out.resolve("perceptron-and.svg"));
        assertTrue(and.title().startsWith("Perceptron on AND: w.x + b = 0 after epochs 1 to "), and.title());
        assertEquals(List.of("AND = 0", "AND = 1"), and.series().subList(0, 2));
        assertTrue(and.series().size() >= 4, and.series().toString());
        assertEquals(and.series().size() - 2, and.curves());
        Svg xor = Svg.read(out.resolve("perceptron-xor.svg"));
        assertEquals("Perceptron on XOR: w.x + b = 0 after epochs 1 to 1000, 10 sampled", xor.title());
        assertEquals(List.of("XOR = 0", "XOR = 1", "after epoch 1 (50% right)",
                "after epochs 2, 5, ..., 1000 (50% right)"), xor.series());
        assertEquals(2, xor.curves());
        Svg steps = Svg.read(out.resolve("perceptron-xor-steps.svg"));
        assertEquals(3, steps.curves());
        assertTrue(steps.title().endsWith("(after row (1, 0): off the picture)"), steps.title());
        Svg mlp = Svg.read(out.resolve("mlp-xor.svg"));
        assertEquals("XOR solved by an MLP with 2 hidden units (backprop)", mlp.title());
        assertEquals(List.of("predicted 0", "predicted 1", "XOR = 0", "XOR = 1", "hidden unit 1: w.x + b = 0",
                "hidden unit 2: w.x + b = 0"), mlp.series());
        assertEquals(2, mlp.curves());
    }
}
