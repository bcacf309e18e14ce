package io.chainrule.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextParserTest {

    @Test
    void readsBackTheMnistMlpAsAnEqualGraph() {
        assertRoundTrip(SampleGraphs.mnistMlp());
    }

    @Test
    void readsBackAGraphUsingEveryOpAsAnEqualGraph() {
        Graph g = SampleGraphs.allOps();
        Set<OpCode> used = g.nodes().stream().map(Node::op).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(OpCode.class)));
        assertEquals(EnumSet.allOf(OpCode.class), used, "the sample graph must use every op");
        assertRoundTrip(g);
    }

    @Test
    void keepsNamesWithDotsOriginsWithSpacesAndNodesWithoutOrigins() {
        Graph parsed = TextParser.parse(TextPrinter.print(SampleGraphs.allOps()));
        assertEquals(DType.F32, parsed.find("layer.0.weight").orElseThrow().dtype());
        assertEquals("derived from layer.0 (by hand)", parsed.find("layer.0").orElseThrow().origin());
        assertNull(parsed.find("target").orElseThrow().origin());
    }

    @Test
    void keepsOriginsVerbatim() {
        GraphBuilder b = new GraphBuilder("origins");
        Value x = b.source(OpCode.INPUT, Attrs.NONE, TensorType.of(DType.F32, 2), "x", "  leading spaces");
        Value y = b.applyAt(OpCode.RELU, Attrs.NONE, null, "a # inside, and trailing  ", x);
        Value z = b.applyAt(OpCode.NEG, Attrs.NONE, null, "", y);
        b.output("z", z);
        assertRoundTrip(b.build());
    }

    @Test
    void readsShuffledLinesIntoTheSameGraph() {
        Graph g = SampleGraphs.allOps();
        List<String> lines = TextPrinter.print(g).lines().toList();
        for (int seed = 0; seed < 20; seed++) {
            List<String> body = new ArrayList<>(lines.subList(1, lines.size() - 1));
            Collections.shuffle(body, new Random(seed));
            String shuffled = lines.get(0) + "\n" + String.join("\n", body) + "\n}\n";
            assertEquals(g, TextParser.parse(shuffled), "seed " + seed);
        }
    }

    @Test
    void renumbersNodesIntoTopologicalOrder() {
        Graph g = TextParser.parse("""
                graph reordered {
                  outputs loss=%2, h=%7
                  %7 h:f32[2,3] = relu %9
                  %2:f32[] = sum %7 {axes=[], keep_dims=false}
                  %9 x:f32[2,3] = input
                }
                """);
        assertEquals(List.of("x", "h"), g.nodes().stream().limit(2).map(Node::name).toList());
        assertEquals(List.of(OpCode.INPUT, OpCode.RELU, OpCode.SUM), g.nodes().stream().map(Node::op).toList());
        assertEquals(List.of(1), g.node(2).inputs());
        assertEquals(Map.of("loss", 2, "h", 1), g.outputs());
        assertEquals(List.of("loss", "h"), List.copyOf(g.outputs().keySet()));
    }

    @Test
    void skipsBlankLinesCommentsAndCarriageReturns() {
        String text = "# a model\r\n\r\ngraph commented {   # the header\r\n  # the input\r\n"
                + "\t%0 x:f32[3] = input\r\n\r\n  %1:f32[3]=neg %0#origin\r\n  outputs y=%1 # done\r\n}\r\n# end\r\n";
        Graph g = TextParser.parse(text);
        assertEquals("origin", g.node(1).origin());
        assertNull(g.node(0).origin());
        assertEquals(Map.of("y", 1), g.outputs());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Graph g = SampleGraphs.mnistMlp();
        Path file = dir.resolve("mnist.ir");
        Files.writeString(file, TextPrinter.print(g));
        assertEquals(g, TextParser.parse(file));
    }

    private static void assertRoundTrip(Graph g) {
        String text = TextPrinter.print(g);
        Graph parsed = TextParser.parse(text);
        assertEquals(g, parsed);
        assertEquals(text, TextPrinter.print(parsed));
    }
}
