package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.BackwardStyle;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Provenance;
import io.chainrule.autodiff.Simplifier;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.text.DotPrinter;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.NodeHook;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.XYChart;

/**
 * Backpropagation in the lesson's MLP: its forward and backward graph as a picture, each backward node in the colour
 * of the forward node it differentiates (from the {@code grad of %N} origin every backward node carries), and the
 * error signal delta = dL/da, the gradient of the loss with respect to each layer's pre-activation a, on one batch,
 * checked against the lesson's two formulas: dL/dW = delta^T h (the layer's input) and
 * delta = relu'(a) * (delta of the next layer) W of the next layer.
 */
final class BackpropFlowLesson implements Lesson {
    static final int BATCH = 100;
    static final long SEED = 0;
    static final String GRAPH_STEM = "backprop-graph";
    static final int PNG_DPI = 52;
    /** The MLP's three linear layers: each one's weight and its pre-activation node (the bias add). */
    static final List<String> LAYERS = List.of("fc1", "fc2", "out");

    /** The error signal of one layer on the batch, and how closely the lesson's formulas reproduce the autodiff. */
    record LayerSignal(String layer, int units, double deltaNorm, double zeroFraction, double weightGradientNorm,
                       double weightFormulaError, double recursionError) {
    }

    /** Where the picture went, or why it could not be drawn. */
    record Rendering(List<Path> written, String problem) {
    }

    @Override
    public String name() {
        return "backprop-flow";
    }

    @Override
    public String title() {
        return "the MLP's forward and backward graph, coloured by provenance, and its error signal per layer";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        show(run);
    }

    /** Prints, draws and returns the error signals at initialization and after training. */
    List<List<LayerSignal>> show(LessonRun run) throws IOException {
        showGraph(run);
        return showSignals(run);
    }

    private static void showGraph(LessonRun run) throws IOException {
        Graph graph = backwardGraph();
        long forward = graph.nodes().stream().filter(n -> Provenance.of(n) == Provenance.FORWARD).count();
        run.out().printf(Locale.ROOT, "The lesson's MLP (784-120-84-10, ReLU, log-softmax, cross-entropy) for a batch "
                + "of %d, differentiated by%nchainrule's reverse mode and simplified: %d forward nodes, %d backward "
                + "nodes. Each backward node says which forward%nnode it came from ('grad of %%N'); the picture gives "
                + "it that node's colour, with a dashed outline:%n%n", BATCH, forward, graph.size() - forward);
        printProvenance(run, graph);
        Path dotFile = run.folder().resolve(GRAPH_STEM + ".dot");
        Files.createDirectories(run.folder());
        Files.writeString(dotFile, DotPrinter.print(graph, BackwardStyle.byForwardNode(graph)));
        run.out().println("wrote " + dotFile);
        Rendering r = render(dotFile);
        if (r.problem() != null) {
            run.out().println(r.problem());
        }
        r.written().forEach(p -> run.out().println("wrote " + p));
    }

    private static List<List<LayerSignal>> showSignals(LessonRun run) throws IOException {
        Dataset train = Mnist.train(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES))
                .normalized(Mnist.MEAN, Mnist.STD);
        Dataset batch = train.rows(0, BATCH);
        int examples = run.quick() ? 1000 : 10_000;
        run.out().printf(Locale.ROOT, "%nThe error signal delta = dL/da at each layer's pre-activation a (its bias "
                + "add), on one batch of %d MNIST%ntraining images, by reverse mode on the compiled step. Checked "
                + "against the lesson's formulas dL/dW = delta^T h%nand delta = relu'(a) * (delta' W'), where h is the "
                + "layer's input and ' marks the next layer: the largest%ndifference over the largest value. zeros: "
                + "the entries of delta that are exactly 0, where ReLU was off.%n",
                BATCH);
        List<List<LayerSignal>> signals = new ArrayList<>();
        try (Model model = Model.builder(Models.find("mnist-mlp").orElseThrow().trainable().orElseThrow())
                .seed(SEED).build()) {
            signals.add(signals(model, batch));
            print(run, "at initialization (seed " + SEED + ")", signals.get(0));
            // other images than the batch's
            model.fit(train.rows(BATCH, BATCH + examples), null, FitOptions.defaults().epochs(1).batchSize(BATCH)
                    .optimizer(Adam.of(0.001)).seed(SEED));
            signals.add(signals(model, batch));
            print(run, String.format(Locale.ROOT, "after 1 epoch on %,d other images (Adam 0.001)", examples),
                    signals.get(1));
        }
        XYChart chart = Figures.lines("Error signal per layer on one batch of " + BATCH,
                "layer (1 = fc1, 2 = fc2, 3 = out)", "norm of delta = dL/da");
        // within one decade: a log axis would have no labels
        chart.getStyler().setYAxisMin(0.0);
        double[] layers = {1, 2, 3};
        Figures.line(chart, "at initialization", layers, signals.get(0).stream()
                .mapToDouble(LayerSignal::deltaNorm).toArray());
        Figures.line(chart, "after 1 epoch", layers, signals.get(1).stream()
                .mapToDouble(LayerSignal::deltaNorm).toArray());
        run.figure("delta-per-layer", chart);
        return signals;
    }

    /** The MLP's forward graph with its gradients, simplified, as training builds it (without the optimizer). */
    static Graph backwardGraph() {
        Graph forward = Models.find("mnist-mlp").orElseThrow().build(BATCH, DType.F32);
        return Simplifier.simplify(Gradients.of(forward, "loss"));
    }

    /** Each forward op and how many backward nodes came from it, with their ops. */
    private static void printProvenance(LessonRun run, Graph graph) {
        Map<Integer, List<Node>> derived = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            if (Provenance.of(n) == Provenance.BACKWARD) {
                derived.computeIfAbsent(Provenance.forwardNode(n).orElseThrow(), k -> new ArrayList<>()).add(n);
            }
        }
        var style = BackwardStyle.byForwardNode(graph);
        run.out().printf(Locale.ROOT, "  %-30s %-9s %s%n", "forward node", "colour", "backward nodes from it");
        for (Node f : graph.nodes()) {
            List<Node> from = derived.get(f.id());
            if (from != null) {
                run.out().printf(Locale.ROOT, "  %-30s %-9s %d: %s%n", f.ref() + " " + f.op().text()
                        + (f.name() != null ? " " + f.name() : ""), style.apply(f).fillColor(), from.size(),
                        String.join(", ", from.stream().map(n -> n.op().text()).toList()));
            }
        }
    }

    /** Renders the DOT file as SVG and PNG next to it with Graphviz's {@code dot}, when it is installed. */
    static Rendering render(Path dotFile) throws IOException {
        return render(dotFile, "dot");
    }

    /** As {@link #render(Path)}, with Graphviz's {@code dot} found as {@code executable}. */
    static Rendering render(Path dotFile, String executable) throws IOException {
        List<Path> written = new ArrayList<>();
        String stem = dotFile.getFileName().toString().replaceFirst("\\.dot$", "");
        for (String format : List.of("svg", "png")) {
            Path out = dotFile.resolveSibling(stem + "." + format);
            Process p;
            List<String> command = new ArrayList<>(List.of(executable, "-T" + format, dotFile.toString(), "-o",
                    out.toString()));
            if (format.equals("png")) {
                // a preview small enough for a web page (about 130 KB); the SVG is the picture to zoom into
                command.add("-Gdpi=" + PNG_DPI);
            }
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return new Rendering(written, "Graphviz's dot is not installed, so the graph is only in " + dotFile
                        + ": install graphviz (apt-get install graphviz) and run dot -Tsvg " + dotFile + " -o "
                        + stem + ".svg");
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Rendering(written, "Graphviz's dot took over 2 minutes on " + dotFile + "; stopped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return new Rendering(written, "interrupted while Graphviz's dot rendered " + dotFile);
            }
            if (p.exitValue() != 0) {
                return new Rendering(written, "Graphviz's dot failed on " + dotFile + " (exit " + p.exitValue()
                        + "): " + log);
            }
            written.add(out);
        }
        return new Rendering(written, null);
    }

    /**
     * The error signal at each layer's pre-activation on {@code batch}, with the weight gradients and ReLU outputs to
     * check the lesson's formulas against: one gradient graph on the interpreter, whose {@link NodeHook} captures each
     * forward ReLU's output as it is made.
     */
    static List<LayerSignal> signals(Model model, Dataset batch) {
        Graph forward = model.forward(batch.size(), true);
        List<String> wrt = new ArrayList<>();
        for (String layer : LAYERS) {
            wrt.add(layer + ".add");
            wrt.add(layer + ".weight");
        }
        Graph g = Gradients.of(forward, "loss", new Gradients.Options(wrt, false));
        Map<String, Tensor> feeds = new HashMap<>(model.parameters());
        Tensor x = batch.featureTensor();
        feeds.put("x", x);
        feeds.put("y", batch.targetTensor());
        List<Tensor> reluOutputs = new ArrayList<>();
        NodeHook capture = new NodeHook() {
            @Override
            public void after(Node n, Tensor value) {
                if (n.op() == OpCode.RELU && n.id() < forward.size()) {
                    reluOutputs.add(value);
                }
            }
        };
        Map<String, Tensor> out = new Interpreter(capture).prepare(g).run(feeds);

        List<LayerSignal> signals = new ArrayList<>();
        for (int l = 0; l < LAYERS.size(); l++) {
            String layer = LAYERS.get(l);
            Matrix delta = Matrix.of(out.get(Gradients.outputName(layer + ".add")));
            Matrix input = l == 0 ? new Matrix(x.floats(), batch.size(), x.size() / batch.size())
                    : Matrix.of(reluOutputs.get(l - 1));
            Matrix weightGradient = Matrix.of(out.get(Gradients.outputName(layer + ".weight")));
            double weightError = weightGradient.relativeError(delta.transposeTimes(input));
            double recursionError = Double.NaN;
            if (l + 1 < LAYERS.size()) {
                Matrix next = Matrix.of(out.get(Gradients.outputName(LAYERS.get(l + 1) + ".add")));
                Matrix nextWeight = Matrix.of(model.parameters().get(LAYERS.get(l + 1) + ".weight"));
                // relu'(a) is 1 where the unit's output h is positive
                Matrix active = Matrix.of(reluOutputs.get(l));
                recursionError = delta.relativeError(next.times(nextWeight).masked(active));
            }
            signals.add(new LayerSignal(layer, delta.columns(), delta.norm(), delta.zeroFraction(),
                    weightGradient.norm(), weightError, recursionError));
        }
        return signals;
    }

    private static void print(LessonRun run, String when, List<LayerSignal> signals) {
        run.out().printf(Locale.ROOT, "%n%s:%n%6s %6s %12s %7s %12s | %-17s | %s%n", when, "layer", "units",
                "|delta|", "zeros", "|dL/dW|", "dL/dW = delta^T h", "delta = relu'(a) * (delta' W')");
        for (LayerSignal s : signals) {
            run.out().printf(Locale.ROOT, "%6s %6d %12.4e %6.1f%% %12.4e | %17.1e | %30s%n", s.layer(), s.units(),
                    s.deltaNorm(), 100 * s.zeroFraction(), s.weightGradientNorm(), s.weightFormulaError(),
                    Double.isNaN(s.recursionError()) ? "(no next layer)"
                            : String.format(Locale.ROOT, "%.1e", s.recursionError()));
        }
    }

    /** A row-major matrix in double, for checking the formulas by hand. */
    record Matrix(double[] values, int rows, int columns) {
        Matrix(float[] v, int rows, int columns) {
            this(doubles(v), rows, columns);
        }

        static Matrix of(Tensor t) {
            return new Matrix(t.floats(), t.shape().dim(0), t.size() / t.shape().dim(0));
        }

        /** this^T * other. */
        Matrix transposeTimes(Matrix other) {
            double[] r = new double[columns * other.columns];
            for (int b = 0; b < rows; b++) {
                for (int i = 0; i < columns; i++) {
                    double a = values[b * columns + i];
                    if (a != 0) {
                        for (int j = 0; j < other.columns; j++) {
                            r[i * other.columns + j] += a * other.values[b * other.columns + j];
                        }
                    }
                }
            }
            return new Matrix(r, columns, other.columns);
        }

        /** this * other. */
        Matrix times(Matrix other) {
            double[] r = new double[rows * other.columns];
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < columns; k++) {
                    double a = values[i * columns + k];
                    for (int j = 0; j < other.columns; j++) {
                        r[i * other.columns + j] += a * other.values[k * other.columns + j];
                    }
                }
            }
            return new Matrix(r, rows, other.columns);
        }

        /** Zero where {@code mask} is not positive. */
        Matrix masked(Matrix mask) {
            double[] r = values.clone();
            for (int i = 0; i < r.length; i++) {
                r[i] = mask.values[i] > 0 ? r[i] : 0;
            }
            return new Matrix(r, rows, columns);
        }

        double norm() {
            double s = 0;
            for (double v : values) {
                s += v * v;
            }
            return Math.sqrt(s);
        }

        double zeroFraction() {
            int zeros = 0;
            for (double v : values) {
                zeros += v == 0 ? 1 : 0;
            }
            return zeros / (double) values.length;
        }

        /** The largest difference from {@code expected} over the largest magnitude of either. */
        double relativeError(Matrix expected) {
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < values.length; i++) {
                diff = Math.max(diff, Math.abs(values[i] - expected.values[i]));
                scale = Math.max(scale, Math.max(Math.abs(values[i]), Math.abs(expected.values[i])));
            }
            return diff == 0 ? 0 : diff / scale;
        }

        private static double[] doubles(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
    }
}
