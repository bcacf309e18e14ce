package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.ir.source.JavaModelSource;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.ir.text.TextPrinter;
import io.chainrule.runtime.GradientCheck;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.BatchProgress;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import io.chainrule.runtime.model.TrainingListener;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example model sources (src/main/models): each read by chainrule gives the graph its compiled class builds, the
 * lesson's MultilayerPerceptron is the built-in mnist-mlp node for node and trains to the same losses, and the deep
 * MLP's loop over its layer array unrolls into the right graph with the right gradients.
 */
class ModelSourcesTest {
    private static final Path MODELS = Path.of("src/main/models");
    private static final List<String> EXAMPLES = List.of("MultilayerPerceptron", "DeepMlp", "XorNet",
            "SinRegressor");

    private static ModelSource read(String name) throws IOException {
        return JavaModelSource.read(MODELS.resolve(name + ".java"));
    }

    /** The model a tool makes of a source: its network, with the input and task its @Input declares. */
    private static Architecture architecture(String graphName, Layer network, ModelSource source, DType dtype) {
        ModelSource.Training t = source.training().orElseThrow();
        return new Architecture(graphName, network, t.inputShape(), Task.valueOf(t.task().toUpperCase(Locale.ROOT)),
                false, dtype);
    }

    private static Graph forward(String graphName, ModelSource source) {
        return architecture(graphName, source.network(), source, DType.F32)
                .forward(source.training().orElseThrow().batchSize(), true);
    }

    private static String withoutOrigins(Graph g) {
        StringBuilder sb = new StringBuilder("graph ").append(g.name()).append('\n');
        g.nodes().forEach(n -> sb.append(TextPrinter.statement(n)).append('\n'));
        return sb.append("outputs ").append(g.outputs()).toString();
    }

    @Test
    void theLessonsMultilayerPerceptronIsTheBuiltInMnistMlp() throws IOException {
        Graph read = forward("mnist_mlp", read("MultilayerPerceptron"));
        assertEquals(withoutOrigins(Models.find("mnist-mlp").orElseThrow().build(100, DType.F32)),
                withoutOrigins(read));
        // x = relu(fc1.apply(x)); return logSoftmax(x, 1);
        assertEquals("MultilayerPerceptron.java:47:22", read.find("fc1").orElseThrow().origin());
        assertEquals("MultilayerPerceptron.java:50:16", read.output("output").origin());
        assertEquals("loss (cross-entropy)", read.output("loss").origin());
    }

    @Test
    void theXorNetAndTheSinRegressorAreTheBuiltInsToo() throws IOException {
        assertEquals(withoutOrigins(Models.find("xor-mlp").orElseThrow().build(4, DType.F32)),
                withoutOrigins(forward("xor_mlp", read("XorNet"))));
        assertEquals(withoutOrigins(Models.find("sin-mlp").orElseThrow().build(64, DType.F32)),
                withoutOrigins(forward("sin_mlp", read("SinRegressor"))));
    }

    @Test
    void everyExampleReadsIntoTheGraphItsCompiledClassBuilds(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<Path> sources = EXAMPLES.stream().map(n -> MODELS.resolve(n + ".java")).toList();
            String graphIr = Path.of(Value.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            boolean compiled = javac.getTask(null, files, diagnostics, List.of("-d", classes.toString(), "-classpath",
                    graphIr, "-proc:none"), null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(compiled, () -> diagnostics.getDiagnostics().stream().map(Object::toString)
                    .collect(Collectors.joining("\n")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (String name : EXAMPLES) {
                ModelSource source = read(name);
                Layer compiled = (Layer) loader.loadClass(name).getConstructor().newInstance();
                int batch = source.training().orElseThrow().batchSize();
                assertEquals(withoutOrigins(architecture(name, compiled, source, DType.F32).forward(batch, true)),
                        withoutOrigins(forward(name, source)), name);
            }
        }
    }

    @Test
    void theDeepMlpsLoopOverItsLayerArrayUnrollsIntoItsLayersInOrder() throws IOException {
        ModelSource deep = read("DeepMlp");
        Layer unrolled = new Sequential(new Flatten(), new Linear("fc1", 784, 256), Activation.RELU,
                new Linear("fc2", 256, 128), Activation.RELU, new Linear("fc3", 128, 64), Activation.RELU,
                new Linear("fc4", 64, 32), Activation.RELU, new Linear("out", 32, 10), new LogSoftmax(1));
        assertEquals(withoutOrigins(architecture("deep", unrolled, deep, DType.F32).forward(100, true)),
                withoutOrigins(forward("deep", deep)));
        // every layer's nodes point at the one line of the loop that applied them: x = relu(layer.apply(x));
        Graph g = forward("deep", deep);
        for (String layer : List.of("fc1", "fc2", "fc3", "fc4")) {
            assertEquals("DeepMlp.java:29:28", g.find(layer).orElseThrow().origin());
        }
        assertEquals(4, g.nodes().stream().filter(n -> n.op() == OpCode.RELU)
                .map(Node::origin).filter("DeepMlp.java:29:17"::equals).count());
    }

    @Test
    void theDeepMlpsGradientsMatchFiniteDifferences() throws IOException {
        ModelSource deep = read("DeepMlp");
        Graph graph = architecture("deep", deep.network(), deep, DType.F64).forward(3, true);
        Map<String, Tensor> feeds = RandomFeeds.inputs(graph, 5);
        feeds.putAll(Parameters.initialize(graph, 5));
        GradientCheck.Result result = GradientCheck.check(graph, "loss", feeds, List.of(), 12, 5);
        assertEquals(10, result.errors().size());
        assertTrue(result.max() < 1e-6, result.errors().toString());
    }

    /** The test: the source trains as the built-in does, loss for loss, bit for bit, with the same seed. */
    @Test
    void trainingTheLessonsMlpFromItsSourceGivesTheBuiltInsLossesBitForBit() throws IOException {
        Dataset train = Mnist.train(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES)).rows(0, 3000);
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(100).seed(7);
        ModelSource source = read("MultilayerPerceptron");
        List<Double> fromSource = batchLosses(Model.builder(architecture("mnist_mlp", source.network(), source,
                DType.F32)).seed(3).build(), train, options);
        List<Double> builtIn = batchLosses(Model.builder(Models.find("mnist-mlp").orElseThrow().trainable()
                .orElseThrow()).seed(3).build(), train, options);
        assertEquals(60, builtIn.size());
        assertEquals(builtIn, fromSource);
        assertTrue(builtIn.get(59) < builtIn.get(0) / 2, builtIn.toString());
    }

    private static List<Double> batchLosses(Model model, Dataset train, FitOptions options) {
        List<Double> losses = new ArrayList<>();
        try (model) {
            model.fit(train, null, options, new TrainingListener() {
                @Override
                public void batchEnded(BatchProgress progress) {
                    losses.add(progress.loss());
                }
            });
        }
        return losses;
    }

    @Test
    void theExamplesAreTheModelSourcesTheBuildCompiles() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            assertEquals(EXAMPLES.stream().map(n -> n + ".java").sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
