package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.sweep.FitTrial;
import io.chainrule.examples.sweep.Target;
import io.chainrule.ir.nn.Activation;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The challenge's sweep, run quick: it learns, its table has every configuration, and it draws what it found. */
class ChallengeLessonTest {
    @TempDir
    static Path out;

    private static String printed;
    private static LessonRun run;
    private static final ChallengeLesson.Plan PLAN = ChallengeLesson.Plan.of(true);

    @BeforeAll
    static void runQuick() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        run = new LessonRun(new PrintStream(text, true), out, true);
        new ChallengeLesson().run(run);
        printed = text.toString();
    }

    /** trials.csv as rows of named cells (no cell of it holds a comma). */
    private static List<Map<String, String>> csv(String file) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(file));
        String[] header = lines.get(0).split(",");
        return lines.stream().skip(1).map(l -> {
            String[] cells = l.split(",", -1);
            assertEquals(header.length, cells.length, l);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            return row;
        }).toList();
    }

    @Test
    void trainingTakesTheErrorFarBelowTheConstantPredictors() throws IOException {
        Map<String, Double> best = csv("trials.csv").stream().collect(Collectors.toMap(r -> r.get("target"),
                r -> Double.parseDouble(r.get("relative_error")), Math::min));
        assertTrue(best.get("sin(10x)") < 1e-3, best.toString());
        for (Map<String, String> r : csv("trials.csv")) {
            double mse = Double.parseDouble(r.get("mse"));
            double constant = Double.parseDouble(r.get("constant_mse"));
            assertTrue(mse < constant, r.toString());
            if (r.get("target").equals("sin(10x)")) {
                assertTrue(mse < 0.01 * constant, "every network, " + r);
            }
        }
    }

    @Test
    void theTablesHoldEveryConfigurationOnceAndEachPairHasEqualParameters() throws IOException {
        List<String> expected = ChallengeLesson.trials(PLAN).stream().map(t -> t.target().name() + " " + t.shape()
                + " " + t.learningRate() + " " + t.seed()).sorted().toList();
        List<Map<String, String>> trials = csv("trials.csv");
        assertEquals(expected, trials.stream().map(r -> r.get("target") + " " + r.get("layers") + " "
                + r.get("learning_rate") + " " + r.get("seed")).sorted().toList());
        List<Map<String, String>> table = csv("table.csv");
        assertEquals(ChallengeLesson.TARGETS.size() * PLAN.narrowWidths().size() * 2, table.size());
        for (Target t : ChallengeLesson.TARGETS) {
            for (int w : PLAN.narrowWidths()) {
                List<Map<String, String>> pair = table.stream().filter(r -> r.get("target").equals(t.name())
                        && r.get("parameters").equals(String.valueOf(ChallengeLesson.parameters(w)))).toList();
                assertEquals(List.of("wide", "deep"), pair.stream().map(r -> r.get("side")).toList(), t + " " + w);
            }
        }
        assertTrue(printed.contains("Depth or width at equal parameters, on sin(10x)?"), printed);
        assertTrue(printed.contains("Depth or width at equal parameters, on sawtooth t^4?"), printed);
        assertTrue(printed.contains("Does it depend on the target?"), printed);
        assertTrue(printed.contains(String.format("[%3d/%d]", expected.size(), expected.size())), printed);
    }

    @Test
    void oneWideLayerHasExactlyAsManyParametersAsFourNarrowOnes() {
        for (int w = 1; w <= 40; w++) {
            assertEquals(count(ChallengeLesson.Shape.DEEP.hidden(w)), count(ChallengeLesson.Shape.WIDE.hidden(w)),
                    "width " + w);
            assertEquals(count(ChallengeLesson.Shape.DEEP.hidden(w)), ChallengeLesson.parameters(w));
        }
    }

    private static long count(List<Integer> hidden) {
        try (Model m = Model.builder(FitTrial.mlp(hidden, Activation.RELU)).input(1).task(Task.REGRESSION).build()) {
            return m.parameterCount();
        }
    }

    @Test
    void aDeepNetworkOfTwoUnitReluLayersComputesTheSawtoothExactly() {
        for (int k : new int[] {2, 4, 6}) {
            assertEquals(0, ChallengeLesson.exactSawtoothMse(new Target.Sawtooth(k)), 1e-12, "t^" + k);
        }
        assertTrue(printed.contains("1-2-2-2-2-1, 25 parameters, mean squared error"), printed);
    }

    @Test
    void theFiguresShowErrorAgainstParametersAndAgainstTime() throws IOException {
        assertEquals(8, run.written().size());
        for (String stem : List.of("sine", "sawtooth")) {
            String target = stem.equals("sine") ? "sin(10x)" : "sawtooth t^4";
            Svg parameters = Svg.read(out.resolve(stem + "-error-vs-parameters.svg"));
            assertEquals(target + ": final error against parameters (median of seeds, best lr)", parameters.title());
            assertEquals("parameters", parameters.xAxis());
            assertEquals("error relative to the constant predictor", parameters.yAxis());
            assertEquals(List.of("one wide layer", "4 narrow layers", "one wide layer, each seed",
                    "4 narrow layers, each seed"), parameters.series());
            assertEquals(2, parameters.curves(), "two lines; the seeds are points");
            Svg time = Svg.read(out.resolve(stem + "-error-vs-time.svg"));
            assertEquals("training time (CPU seconds)", time.xAxis());
            List<String> runs = PLAN.narrowWidths().stream().flatMap(w -> List.of(ChallengeLesson.Shape.WIDE,
                    ChallengeLesson.Shape.DEEP).stream().map(s -> FitTrial.shape(s.hidden(w)) + " ("
                    + ChallengeLesson.parameters(w) + ")")).toList();
            assertEquals(runs, time.series());
            assertEquals(runs.size(), time.curves());
        }
    }
}
