package io.chainrule.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotPrinterTest {

    /** The lesson's MultilayerPerceptron, 784-120-84-10, with cross-entropy. */
    private static Graph mlp() {
        GraphBuilder b = new GraphBuilder("mnist_mlp");
        Value x = b.input("x", DType.F32, 100, 1, 28, 28);
        Value y = b.input("y", DType.I32, 100);
        Value out = new Sequential(new Flatten(),
                new Linear("fc1", 784, 120), Value::relu,
                new Linear("fc2", 120, 84), Value::relu,
                new Linear("out", 84, 10), v -> v.logSoftmax(1)).apply(x);
        return b.output("output", out).output("loss", out.crossEntropy(y)).build();
    }

    @Test
    void printsATinyGraphExactly() {
        GraphBuilder b = new GraphBuilder("tiny");
        Value x = b.source(OpCode.INPUT, Attrs.NONE, TensorType.of(DType.F32, 4, 2), "x", "Tiny.java:1");
        Value one = b.source(OpCode.CONSTANT, new Attrs.Constant(new double[] {1}), TensorType.of(DType.F32),
                null, null);
        Value r = b.applyAt(OpCode.RELU, Attrs.NONE, null, null, x);
        Value sum = b.applyAt(OpCode.ADD, Attrs.NONE, "shifted", "Tiny.java:3", r, one);
        Graph g = b.output("y", sum).build();

        assertEquals("""
                digraph "tiny" {
                  graph [rankdir=TB, fontname="Helvetica"];
                  node [fontname="Helvetica"];
                  edge [fontname="Helvetica", fontsize=9, color="gray40"];
                  n0 [label="x", shape="ellipse", style="filled", fillcolor="lightblue", fontsize=11, \
                tooltip="Tiny.java:1"];
                  n1 [label="1.0", shape="box", style="filled", fillcolor="lightgrey", fontsize=8];
                  n2 [label="relu", shape="box", style="rounded,filled", fillcolor="white", fontsize=11];
                  n0 -> n2 [label="f32[4,2]"];
                  n3 [label="add\\nshifted", shape="box", style="rounded,filled", fillcolor="white", fontsize=11, \
                tooltip="Tiny.java:3"];
                  n2 -> n3 [label="f32[4,2]"];
                  n1 -> n3 [label="f32[]"];
                  out0 [label="y", shape="invhouse", style="filled", fillcolor="palegreen", fontsize=11];
                  n3 -> out0 [label="f32[4,2]"];
                }
                """, DotPrinter.print(g));
    }

    @Test
    void drawsEveryNodeEdgeAndOutputOfTheMlp() {
        Graph g = mlp();
        String dot = DotPrinter.print(g);

        assertTrue(dot.startsWith("digraph \"mnist_mlp\" {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        int edges = g.nodes().stream().mapToInt(n -> n.inputs().size()).sum() + g.outputs().size();
        assertEquals(edges, count(dot, " -> "));
        for (int id = 0; id < g.size(); id++) {
            assertEquals(1, count(dot, "\n  n" + id + " ["), "node n" + id);
        }
        assertTrue(dot.contains("label=\"x\", shape=\"ellipse\", style=\"filled\", fillcolor=\"lightblue\""), dot);
        assertTrue(dot.contains("label=\"fc1.weight\\nlinear_default(fan_in=784)\", shape=\"box\", style=\"filled\","
                + " fillcolor=\"lightyellow\""), dot);
        assertTrue(dot.contains("label=\"matmul\\nfc1\\ntranspose_b\""), dot);
        assertTrue(dot.contains("label=\"log_softmax\\naxis=1\""), dot);
        assertTrue(dot.contains("label=\"cross_entropy\\nreduction=mean\""), dot);
        assertTrue(dot.contains("out0 [label=\"output\", shape=\"invhouse\""), dot);
        assertTrue(dot.contains("out1 [label=\"loss\", shape=\"invhouse\""), dot);
        assertTrue(dot.contains("\n  n" + g.output("loss").id() + " -> out1 [label=\"f32[]\"];\n"), dot);
    }

    @Test
    void labelsEachEdgeWithTheTypeOfItsProducer() {
        Graph g = mlp();
        int fc1 = g.find("fc1").orElseThrow().id();
        int weight = g.find("fc1.weight").orElseThrow().id();
        int flat = g.node(fc1).input(0);
        String dot = DotPrinter.print(g);

        assertTrue(dot.contains("\n  n" + flat + " -> n" + fc1 + " [label=\"f32[100,784]\"];\n"), dot);
        assertTrue(dot.contains("\n  n" + weight + " -> n" + fc1 + " [label=\"f32[120,784]\"];\n"), dot);
        assertTrue(dot.contains("\n  n" + fc1 + " -> n" + (fc1 + 2) + " [label=\"f32[100,120]\"];\n"), dot);
    }

    @Test
    void escapesQuotesBackslashesAndNewlines() {
        assertEquals("\"a \\\"b\\\" c\\\\d\\ne\"", DotPrinter.quote("a \"b\" c\\d\ne"));

        GraphBuilder b = new GraphBuilder("escaped");
        Value x = b.source(OpCode.INPUT, Attrs.NONE, TensorType.of(DType.F32, 2), "x", "say \"hi\" \\ there");
        String dot = DotPrinter.print(b.output("y", x.neg()).build());
        assertTrue(dot.contains("tooltip=\"say \\\"hi\\\" \\\\ there\""), dot);
    }

    @Test
    void briefAttributesNameSetFlagsOnly() {
        assertEquals("transpose_b", DotPrinter.briefAttrs(new Attrs.MatMul(false, true)));
        assertEquals("", DotPrinter.briefAttrs(new Attrs.MatMul(false, false)));
        assertEquals("axes=[0, 1], keep_dims", DotPrinter.briefAttrs(new Attrs.Reduce(List.of(0, 1), true)));
        assertEquals("", DotPrinter.briefAttrs(Attrs.NONE));
    }

    @Test
    void summarizesLongConstants() {
        GraphBuilder b = new GraphBuilder("consts");
        Value c = b.constant(TensorType.of(DType.F64, 3), 1, 2, 3);
        Value s = b.constant(0.5, DType.F64);
        String dot = DotPrinter.print(b.output("y", c.mul(s)).build());
        assertTrue(dot.contains("n0 [label=\"3 values\", shape=\"box\", style=\"filled\", fillcolor=\"lightgrey\","
                + " fontsize=8"), dot);
        assertTrue(dot.contains("n1 [label=\"0.5\""), dot);
        assertTrue(dot.contains("n0 -> n2 [label=\"f64[3]\"]"), dot);
    }

    @Test
    void aStyleFunctionSetsChosenNodesApart() {
        GraphBuilder b = new GraphBuilder("styled");
        Value x = b.input("x", DType.F32, 2, 2);
        Value w = b.parameter("w", new Initializer.Zeros(), 2, 2);
        Graph g = b.output("y", x.matmul(w).tanh().named("h")).build();
        String dot = DotPrinter.print(g, n -> "h".equals(n.name())
                ? DotPrinter.defaultStyle(n).withFillColor("mistyrose")
                : DotPrinter.defaultStyle(n));

        assertTrue(dot.contains("n3 [label=\"tanh\\nh\", shape=\"box\", style=\"rounded,filled\","
                + " fillcolor=\"mistyrose\""), dot);
        assertTrue(dot.contains("n2 [label=\"matmul\", shape=\"box\", style=\"rounded,filled\", fillcolor=\"white\""),
                dot);
        assertTrue(dot.contains("fillcolor=\"lightyellow\""), dot);
        assertFalse(DotPrinter.print(g).contains("mistyrose"));
    }

    @Test
    void graphvizRendersTheMlp(@TempDir Path dir) throws IOException, InterruptedException {
        assertTrue(onPath("dot"), "Graphviz 'dot' is not on PATH: install it (apt-get install graphviz), as .ci/run does");
        Path in = Files.writeString(dir.resolve("mlp.dot"), DotPrinter.print(mlp()));
        Path svg = dir.resolve("mlp.svg");
        Process p = new ProcessBuilder("dot", "-Tsvg", in.toString(), "-o", svg.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dot timed out");
        assertEquals(0, p.exitValue(), log);
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
