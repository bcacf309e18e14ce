package io.chainrule.ir.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader makes of a model source; each source is also compiled by javac, and both graphs must agree. */
class JavaModelSourceTest {
    static final String MLP = """
            import static io.chainrule.ir.nn.F.*;

            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;

            public class Mlp implements Network {
                final Linear fc1 = new Linear("fc1", 784, 120);
                final Linear fc2 = new Linear("fc2", 120, 84);
                final Linear out = new Linear("out", 84, 10);

                @Override
                public Value forward(Value x) {
                    x = relu(fc1.apply(flatten(x)));
                    x = relu(fc2.apply(x));
                    return logSoftmax(out.apply(x), 1);
                }
            }
            """;

    /** A list of layers, an array made by a loop in the constructor, a helper, constants. */
    static final String STACK = """
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Activation;
            import io.chainrule.ir.nn.Layer;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;
            import java.util.List;

            public class Stack implements Network {
                static final int WIDTH = 2 * 4;
                static final int DEPTH = 3;
                final List<Layer> layers = List.of(new Linear("a", 4, WIDTH), Activation.TANH,
                        new Linear("b", WIDTH, WIDTH / 2));
                final Linear[] blocks = new Linear[DEPTH];

                public Stack() {
                    for (int i = 0; i < DEPTH; i++) {
                        blocks[i] = new Linear("block" + i, WIDTH / 2, WIDTH / 2);
                    }
                }

                @Override
                public Value forward(Value x) {
                    for (Layer layer : layers) {
                        x = layer.apply(x);
                    }
                    for (int i = 0; i < blocks.length; i++) {
                        x = residual(x, blocks[i], i % 2 == 0 ? 0.5 : 0.25);
                    }
                    return x.sum(1).reshape(-1, 1);
                }

                private Value residual(Value x, Linear layer, double scale) {
                    Value y = layer.apply(x).relu().mul(scale);
                    return x.add(y);
                }
            }
            """;

    /** Constant conditions: switch statements and expressions, if, ?:; Java's arithmetic on constants. */
    static final String CHOICES = """
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;

            public class Choices implements Network {
                static final String ACTIVATION = "gelu";
                static final int HIDDEN = (int) Math.sqrt(64) * 3 / 2;
                static final boolean CENTER = HIDDEN > 10 && !false;
                final Linear fc = new Linear("fc" + HIDDEN / 5, 3, HIDDEN);
                final Linear head = new Linear("head", HIDDEN, 2, false);

                @Override
                public Value forward(Value x) {
                    Value h = fc.apply(x);
                    switch (ACTIVATION) {
                        case "relu":
                            h = h.relu();
                            break;
                        case "gelu":
                            h = h.gelu();
                        default:
                            h = h.mul(2);
                    }
                    if (CENTER) {
                        h = h.sub(h.mean(1).reshape(-1, 1));
                    } else {
                        h = h.tanh();
                    }
                    int axis = switch (HIDDEN % 3) {
                        case 0 -> 1;
                        default -> 0;
                    };
                    h = HIDDEN > 100 ? h.sigmoid() : h.softmax(axis);
                    long big = 1L << 40;
                    return head.apply(h).mul(1.0f / 3).add(big % 7);
                }
            }
            """;

    /** A network class nested in the model, inside a Sequential (which calls back into the source); parameters. */
    static final String BLOCKS = """
            import io.chainrule.ir.Initializer;
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Activation;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;
            import io.chainrule.ir.nn.Parameter;
            import io.chainrule.ir.nn.Sequential;

            public class Blocks implements Network {
                static final class Block implements Network {
                    final Linear inner;
                    final Parameter gain;

                    Block(String name, int width) {
                        inner = new Linear(name, width, width);
                        gain = new Parameter(name + ".gain", new Initializer.Fill(1), width);
                    }

                    @Override
                    public Value forward(Value x) {
                        return x.add(inner.apply(x).tanh().mul(gain.in(x)));
                    }
                }

                final Parameter scale = new Parameter("scale", new Initializer.Normal(0, 0.1), 4, 4);
                final Sequential body = new Sequential(new Block("b1", 4), Activation.RELU, new Block("b2", 4));
                final Block last = new Block("b3", 4);

                @Override
                public Value forward(Value x) {
                    Value s = scale.in(x);
                    Value y = x.matmul(s).add(x.matmul(s, false, true));
                    return last.apply(body.apply(y));
                }
            }
            """;

    /** Where Java's typing decides a value: ?: promotion, the most specific overload, compound assignment order. */
    static final String FIDELITY = """
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;

            public class Fidelity implements Network {
                static final boolean FLAG = true;
                final Linear fc = new Linear("fc" + (FLAG ? 1 : 2.0), 3, 3);

                @Override
                public Value forward(Value x) {
                    int i = 1;
                    i += i++;
                    return scale(fc.apply(x), i);
                }

                Value scale(Value x, double k) {
                    return x.mul(k);
                }

                Value scale(Value x, int k) {
                    return x.add(k);
                }
            }
            """;

    /** A class composed of itself: the same forward runs nested, on different objects, which is not recursion. */
    static final String NESTED = """
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Layer;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;

            public class Nested implements Network {
                static final class Residual implements Network {
                    final Layer inner;

                    Residual(int depth) {
                        inner = depth == 0 ? new Linear("fc", 3, 3) : new Residual(depth - 1);
                    }

                    @Override
                    public Value forward(Value x) {
                        return x.add(inner.apply(x).tanh());
                    }
                }

                final Residual top = new Residual(3);

                @Override
                public Value forward(Value x) {
                    return top.apply(x);
                }
            }
            """;

    /** The rest of the subset: library constants, lists built in the constructor, enums, strings, shapes. */
    static final String ASSORTED = """
            import static io.chainrule.ir.nn.F.logSoftmax;

            import io.chainrule.ir.DType;
            import io.chainrule.ir.Initializer;
            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Activation;
            import io.chainrule.ir.nn.Layer;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;
            import java.util.ArrayList;
            import java.util.List;

            final class Helpers {
                static int twice(int n) {
                    return 2 * n;
                }
            }

            public class Assorted implements Network {
                static final List<Integer> WIDTHS = List.of(3, Helpers.twice(2), 5);
                static final Activation[] ACTIVATIONS = {Activation.GELU, Activation.SILU};
                final List<Layer> layers = new ArrayList<>();
                final Linear wide;

                public Assorted() {
                    int in = WIDTHS.get(0);
                    for (int w : WIDTHS.subList(1, WIDTHS.size())) {
                        layers.add(new Linear(String.format("l%d_%s", w, ACTIVATIONS[w % 2].text()), in, w, true,
                                new Initializer.KaimingNormal(in, Initializer.RELU_GAIN), new Initializer.Zeros()));
                        layers.add(ACTIVATIONS[w % 2]);
                        in = w;
                    }
                    wide = new Linear("wide", in, (int) Math.round(Math.PI * 2));
                }

                @Override
                public Value forward(Value x) {
                    for (Layer layer : layers) {
                        x = layer.apply(x);
                    }
                    for (Activation a : ACTIVATIONS) {
                        switch (a) {
                            case SILU -> x = x.mul(3);
                            default -> x = x.mul(2);
                        }
                    }
                    int classes = x.shape().dim(1) + 1;
                    Value out = wide.apply(x);
                    return x.dtype() == DType.F32 && out.shape().dim(-1) == 6 && classes > 0
                            ? logSoftmax(out, -1).named("scores") : out;
                }
            }
            """;

    @TempDir
    Path classes;

    /** The reader's graph, after checking that javac's compiled class builds the same one. */
    private Graph readBoth(String name, String source, int... dims) throws IOException {
        Graph read = FrontEnds.read(name, source, dims);
        Graph run = FrontEnds.build(FrontEnds.instantiate(FrontEnds.compile(Map.of(name, source), classes)
                .get(name)), dims);
        assertEquals(FrontEnds.withoutOrigins(run), FrontEnds.withoutOrigins(read));
        return read;
    }

    private static Node named(Graph g, String name) {
        return g.find(name).orElseThrow(() -> new AssertionError("no node " + name));
    }

    private static List<Node> ofOp(Graph g, OpCode op) {
        return g.nodes().stream().filter(n -> n.op() == op).toList();
    }

    @Test
    void theLessonsMlpIsTheSequentialOfTheSameLayers() throws IOException {
        Graph read = readBoth("Mlp", MLP, 100, 1, 28, 28);
        Graph built = FrontEnds.build(new Sequential(new Flatten(), new Linear("fc1", 784, 120), Activation.RELU,
                new Linear("fc2", 120, 84), Activation.RELU, new Linear("out", 84, 10), new LogSoftmax(1)),
                100, 1, 28, 28);
        assertEquals(FrontEnds.withoutOrigins(built), FrontEnds.withoutOrigins(read));
    }

    @Test
    void everyNodesOriginIsTheLineAndColumnOfTheExpressionThatMadeIt() {
        Graph g = FrontEnds.read("Mlp", MLP, 100, 1, 28, 28);
        // x = relu(fc1.apply(flatten(x))); on line 14: relu at column 13, apply at 22, flatten at 28
        assertEquals("Mlp.java:14:28", ofOp(g, OpCode.RESHAPE).get(0).origin());
        assertEquals("Mlp.java:14:22", named(g, "fc1.weight").origin());
        assertEquals("Mlp.java:14:22", named(g, "fc1").origin());
        assertEquals("Mlp.java:14:22", named(g, "fc1.add").origin());
        assertEquals("Mlp.java:14:13", ofOp(g, OpCode.RELU).get(0).origin());
        assertEquals("Mlp.java:15:13", ofOp(g, OpCode.RELU).get(1).origin());
        // return logSoftmax(out.apply(x), 1);
        assertEquals("Mlp.java:16:16", ofOp(g, OpCode.LOG_SOFTMAX).get(0).origin());
        assertEquals("Mlp.java:16:31", named(g, "out").origin());
        assertEquals("examples", g.node(0).origin());
    }

    @Test
    void loopsUnrollAndHelpersInlineWithTheirOwnLinesAsOrigins() throws IOException {
        Graph g = readBoth("Stack", STACK, 5, 4);
        assertEquals(List.of("a.weight", "a.bias", "b.weight", "b.bias", "block0.weight", "block0.bias",
                "block1.weight", "block1.bias", "block2.weight", "block2.bias"),
                g.parameters().stream().map(Node::name).toList());
        assertEquals(Shape.of(4, 4), named(g, "block1.weight").shape());
        List<Node> relus = ofOp(g, OpCode.RELU);
        assertEquals(3, relus.size());
        // Value y = layer.apply(x).relu().mul(scale); in the helper, line 33
        relus.forEach(r -> assertEquals("Stack.java:33:34", r.origin()));
        assertEquals(List.of(0.5, 0.25, 0.5), ofOp(g, OpCode.CONSTANT).stream()
                .map(n -> ((io.chainrule.ir.Attrs.Constant) n.attrs()).values()[0]).toList());
        assertEquals("Stack.java:24:23", named(g, "a").origin());
        assertEquals(1, ofOp(g, OpCode.TANH).size());
        assertEquals(Shape.of(5, 1), g.output("y").shape());
    }

    @Test
    void constantConditionsChooseOneBranchAsJavaWould() throws IOException {
        Graph g = readBoth("Choices", CHOICES, 6, 3);
        // "fc" + 12 / 5; the switch falls through from gelu into default; 12 > 10, so centred; 12 % 3 == 0
        assertEquals(Shape.of(12, 3), named(g, "fc2.weight").shape());
        assertEquals(1, ofOp(g, OpCode.GELU).size());
        assertEquals(0, ofOp(g, OpCode.RELU).size());
        assertEquals(0, ofOp(g, OpCode.TANH).size());
        assertEquals(1, ((io.chainrule.ir.Attrs.Axis) ofOp(g, OpCode.SOFTMAX).get(0).attrs()).axis());
        List<Double> constants = ofOp(g, OpCode.CONSTANT).stream()
                .map(n -> ((io.chainrule.ir.Attrs.Constant) n.attrs()).values()[0]).toList();
        assertEquals(List.of(2.0, (double) (1.0f / 3), (double) ((1L << 40) % 7)), constants);
    }

    @Test
    void javasTypingDecidesAsJavacDoes() throws IOException {
        Graph g = readBoth("Fidelity", FIDELITY, 2, 3);
        assertEquals(Shape.of(3, 3), named(g, "fc1.0.weight").shape());
        assertEquals(OpCode.ADD, g.output("y").op());
        assertEquals(2.0, ((io.chainrule.ir.Attrs.Constant) ofOp(g, OpCode.CONSTANT).get(0).attrs()).values()[0]);
    }

    @Test
    void nestedNetworksAndParametersReadAsTheirCompiledClassesRun() throws IOException {
        Graph g = readBoth("Blocks", BLOCKS, 2, 4);
        assertEquals(List.of("scale", "b1.weight", "b1.bias", "b1.gain", "b2.weight", "b2.bias", "b2.gain",
                "b3.weight", "b3.bias", "b3.gain"), g.parameters().stream().map(Node::name).toList());
        // inside Block.forward, line 21, even when a Sequential applies the block
        assertEquals("Blocks.java:21:57", named(g, "b1.gain").origin());
        assertEquals("Blocks.java:21:41", ofOp(g, OpCode.TANH).get(0).origin());
        assertEquals("Blocks.java:21:22", ofOp(g, OpCode.ADD).stream().filter(n -> n.name() == null)
                .skip(1).findFirst().orElseThrow().origin());
    }

    @Test
    void theRestOfTheSubsetReadsAsJavaRunsIt() throws IOException {
        Graph g = readBoth("Assorted", ASSORTED, 2, 3);
        assertEquals(List.of("l4_gelu.weight", "l4_gelu.bias", "l5_silu.weight", "l5_silu.bias", "wide.weight",
                "wide.bias"), g.parameters().stream().map(Node::name).toList());
        assertEquals(Shape.of(6, 5), named(g, "wide.weight").shape());
        assertEquals("scores", g.output("y").name());
        assertEquals(List.of(2.0, 3.0), ofOp(g, OpCode.CONSTANT).stream()
                .map(n -> ((io.chainrule.ir.Attrs.Constant) n.attrs()).values()[0]).toList());
    }

    @Test
    void aClassNestedInItselfIsNotRecursion() throws IOException {
        Graph g = readBoth("Nested", NESTED, 2, 3);
        assertEquals(4, ofOp(g, OpCode.TANH).size());
        assertEquals("Nested.java:16:41", ofOp(g, OpCode.TANH).get(3).origin());
    }

    @Test
    void aNetworkReadOnceBuildsTheSameGraphOnManyThreadsAtOnce() throws Exception {
        ModelSource m = JavaModelSource.read("Blocks.java", BLOCKS);
        String expected = FrontEnds.build(m.network(), 2, 4).toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> graphs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                graphs.add(pool.submit(() -> FrontEnds.build(m.network(), 2, 4).toString()));
            }
            for (Future<String> g : graphs) {
                assertEquals(expected, g.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aModelSourceKeepsItsFileTextClassAndInput() {
        String source = MLP.replace("Mlp", "Net").replace("784", "2")
                .replace("import io.chainrule.ir.nn.Network;", "import io.chainrule.ir.nn.Input;\n"
                        + "import io.chainrule.ir.nn.Network;")
                .replace("public class", "@Input(shape = {2}, task = \"regression\", batch = 4)\npublic class");
        ModelSource m = JavaModelSource.read("models/Net.java", source);
        assertEquals("models/Net.java", m.file());
        assertEquals(source, m.text());
        assertEquals("Net", m.className());
        assertEquals(Optional.of(new ModelSource.Training(Shape.of(2), "regression", 4)), m.training());
        assertEquals(Optional.empty(), JavaModelSource.read("Mlp.java", MLP).training());
    }

    @Test
    void readsAFileAndNamesOriginsByTheFileNameAlone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Mlp.java");
        Files.writeString(file, MLP);
        ModelSource m = JavaModelSource.read(file);
        assertEquals(file.toString(), m.file());
        Graph g = FrontEnds.build(m.network(), 3, 784);
        assertEquals("Mlp.java:15:13", ofOp(g, OpCode.RELU).get(1).origin());
    }

    @Test
    void aShapeMismatchFailsWhenTheNetworkIsAppliedWithBothShapes() {
        ModelSource m = JavaModelSource.read("Mlp.java", MLP);
        ModelSourceException e = assertThrows(ModelSourceException.class,
                () -> FrontEnds.build(m.network(), 3, 100));
        assertEquals("""
                Mlp.java:14:22: error: matmul fc1: [3,100] x [120,784]^T: inner dimensions 100 and 784 differ
                        x = relu(fc1.apply(flatten(x)));
                                     ^
                1 error""", e.getMessage());
    }
}
