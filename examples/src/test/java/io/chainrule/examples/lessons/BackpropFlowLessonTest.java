package io.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.lessons.BackpropFlowLesson.LayerSignal;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One quick run of the lesson; each test checks one of its claims, or its pictures. */
class BackpropFlowLessonTest {
    /** A node of Graphviz's SVG: its DOT id, tooltip (the node's origin), fill and whether its outline is dashed. */
    private static final Pattern NODE = Pattern.compile("<g id=\"node\\d+\" class=\"node\">\\s*<title>n(\\d+)</title>"
            + "\\s*<g id=\"a_node\\d+\"><a xlink:title=\"([^\"]*)\">\\s*<(?:path|polygon|ellipse) fill=\"([^\"]+)\""
            + " stroke=\"black\"( stroke-dasharray)?");
    private static final Pattern GRAD_OF = Pattern.compile("grad of %(\\d+)");

    @TempDir
    static Path out;
    static List<List<LayerSignal>> signals;
    static String printed;

    @BeforeAll
    static void runTheLesson() throws Exception {
        assertTrue(onPath("dot"), "Graphviz 'dot' is not on PATH: install it (apt-get install graphviz), as .ci/run "
                + "does");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        signals = new BackpropFlowLesson().show(new LessonRun(new PrintStream(text, true), out, true));
        printed = text.toString();
    }

    @Test
    void theAutodiffErrorSignalsFollowTheLessonsFormulas() {
        for (List<LayerSignal> when : signals) {
            assertEquals(List.of("fc1", "fc2", "out"), when.stream().map(LayerSignal::layer).toList());
            for (LayerSignal s : when) {
                assertTrue(s.weightFormulaError() < 1e-5, s.toString());
                assertTrue(s.layer().equals("out") ? Double.isNaN(s.recursionError()) : s.recursionError() < 1e-5,
                        s.toString());
                assertTrue(s.deltaNorm() > 0, s.toString());
            }
            // ReLU passes no error back through a unit that was off; the logits' delta has no such zeros
            assertTrue(when.get(0).zeroFraction() > 0.1 && when.get(1).zeroFraction() > 0.1, when.toString());
            assertEquals(0, when.get(2).zeroFraction());
        }
    }

    @Test
    void theRenderedGraphColoursEachBackwardNodeAsTheForwardNodeItCameFrom() throws Exception {
        assertTrue(printed.contains("wrote " + out.resolve("backprop-graph.svg")), printed);
        String svg = Files.readString(out.resolve("backprop-graph.svg"));
        Map<Integer, String> fill = new HashMap<>();
        Map<Integer, Integer> from = new HashMap<>();
        Matcher m = NODE.matcher(svg);
        while (m.find()) {
            int id = Integer.parseInt(m.group(1));
            fill.put(id, m.group(3));
            Matcher grad = GRAD_OF.matcher(m.group(2));
            if (grad.matches()) {
                from.put(id, Integer.parseInt(grad.group(1)));
                assertTrue(m.group(4) != null, "backward node n" + id + " is not dashed");
            } else {
                assertTrue(m.group(4) == null, "forward node n" + id + " is dashed");
            }
        }
        int nodes = BackpropFlowLesson.backwardGraph().size();
        assertEquals(nodes, fill.size(), "nodes drawn");
        assertEquals(21, from.size(), "backward nodes drawn");
        from.forEach((id, forward) -> assertEquals(fill.get(forward), fill.get(id), "n" + id + " from n" + forward));
        assertTrue(Files.size(out.resolve("backprop-graph.png")) > 0);
    }

    @Test
    void theLessonPrintsTheProvenanceAndDrawsTheErrorSignal() throws Exception {
        assertTrue(printed.contains("19 forward nodes, 21 backward nodes"), printed);
        assertTrue(printed.matches("(?s).*  %4 matmul fc1 +#[0-9a-f]{6} +1: matmul\n.*"), printed);
        Svg delta = Svg.read(out.resolve("delta-per-layer.svg"));
        assertEquals("Error signal per layer on one batch of 100", delta.title());
        assertEquals("layer (1 = fc1, 2 = fc2, 3 = out)", delta.xAxis());
        assertEquals("norm of delta = dL/da", delta.yAxis());
        assertEquals(List.of("at initialization", "after 1 epoch"), delta.series());
        assertEquals(2, delta.curves());
    }

    @Test
    void withoutGraphvizTheLessonSaysSoAndKeepsTheDotFile(@TempDir Path dir) throws Exception {
        Path dot = Files.writeString(dir.resolve("g.dot"), "digraph g { a -> b; }\n");
        BackpropFlowLesson.Rendering r = BackpropFlowLesson.render(dot, "chainrule-no-such-dot");
        assertEquals(List.of(), r.written());
        assertEquals("Graphviz's dot is not installed, so the graph is only in " + dot + ": install graphviz "
                + "(apt-get install graphviz) and run dot -Tsvg " + dot + " -o g.svg", r.problem());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dot), files.toList());
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }
}
