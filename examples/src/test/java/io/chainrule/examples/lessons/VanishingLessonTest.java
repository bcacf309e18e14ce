package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.lessons.VanishingLesson.Dead;
import io.chainrule.examples.lessons.VanishingLesson.DyingRun;
import io.chainrule.examples.lessons.VanishingLesson.Findings;
import io.chainrule.examples.lessons.VanishingLesson.LayerGradients;
import io.chainrule.ir.nn.Activation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One quick run of the lesson; each test checks one of its claims, or its pictures. */
class VanishingLessonTest {
    @TempDir
    static Path out;
    static Findings findings;
    static String printed;

    @BeforeAll
    static void runTheLesson() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        findings = new VanishingLesson().show(new LessonRun(new PrintStream(text, true), out, true));
        printed = text.toString();
    }

    @Test
    void theSigmoidNetworksFirstLayerGetsOrdersOfMagnitudeLessGradientThanItsLastReluDoesNot() {
        assertEquals(4, findings.gradients().size());
        for (LayerGradients g : findings.gradients()) {
            if (g.activation() == Activation.SIGMOID) {
                assertTrue(g.firstOverLast() < 1e-3, g.label() + ": " + g.firstOverLast());
                // and it shrinks at every layer from the output down to layer 2
                for (int l = 1; l < VanishingLesson.DEPTH - 1; l++) {
                    assertTrue(g.norms()[l] < g.norms()[l + 1], g.label() + ", layer " + (l + 1));
                }
            } else {
                assertTrue(g.firstOverLast() > 1e-2, g.label() + ": " + g.firstOverLast());
            }
        }
        LayerGradients reluHe = findings.gradients().get(3);
        assertEquals("relu, He init", reluHe.label());
        for (double n : reluHe.norms()) {
            // with He's init the gradient keeps its size through the ReLU layers, within a factor of 10
            assertTrue(n > reluHe.norms()[VanishingLesson.DEPTH - 1] / 10, reluHe.label() + ": " + n);
        }
    }

    @Test
    void aBiasTooNegativeKillsMostUnitsAndTrainingDoesNotReviveThem() {
        DyingRun worst = findings.dying().get(findings.dying().size() - 1);
        assertEquals(-3, worst.bias());
        assertTrue(worst.fractionBefore() > 0.9, "dead before: " + worst.fractionBefore());
        assertEquals(0, worst.revived());
        assertTrue(worst.fractionAfter() >= worst.fractionBefore());
        // the network gives every image the same digit: accuracy is one class's share
        assertTrue(worst.accuracyAfter() < 0.2, "accuracy " + worst.accuracyAfter());
    }

    @Test
    void noUnitOfTheFirstLayerComesBackButUnitsOfTheSecondCan() {
        for (DyingRun r : findings.dying()) {
            Dead fc1 = r.layers().get(0);
            assertEquals(0, fc1.revived(), "fc1 at b = " + r.bias());
            for (int u = 0; u < fc1.units(); u++) {
                assertTrue(!fc1.before()[u] || fc1.after()[u], "fc1 unit " + u + " at b = " + r.bias());
            }
        }
        DyingRun mild = findings.dying().get(0);
        assertEquals(-0.5, mild.bias());
        assertTrue(mild.layers().get(1).revived() > 0, "fc2 revived at b = -0.5");
    }

    @Test
    void theLessonPrintsItsTablesAndDrawsBothPictures() throws Exception {
        assertTrue(printed.contains("  1/10      "), printed);
        assertTrue(printed.contains("      -3.0 |      120       84 |      120       84 |        0        0 |"),
                printed);
        Svg gradients = Svg.read(out.resolve("gradient-per-layer.svg"));
        assertEquals("Gradient norm per layer at initialization, 10-layer network", gradients.title());
        assertEquals("layer (1 = next to the input)", gradients.xAxis());
        assertEquals("norm of the weight gradient", gradients.yAxis());
        assertEquals(List.of("sigmoid, PyTorch's default init", "relu, PyTorch's default init", "sigmoid, He init",
                "relu, He init"), gradients.series());
        assertEquals(4, gradients.curves());
        Svg dead = Svg.read(out.resolve("dead-units.svg"));
        assertEquals("Dead ReLU units after a negative bias", dead.title());
        assertEquals("starting bias of the hidden layers", dead.xAxis());
        assertEquals(List.of("fc1, before training", "fc1, after training", "fc2, before training",
                "fc2, after training"), dead.series());
        assertEquals(4, dead.curves());
    }
}
