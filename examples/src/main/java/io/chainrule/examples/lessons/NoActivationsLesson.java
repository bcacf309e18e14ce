package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.LinearLayerMerging;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.ParameterFolding;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Without activations, depth adds nothing: a stack of ten linear layers is one linear map. chainrule's
 * {@link LinearLayerMerging} pass rewrites the trained stack's graph into one product by exact algebra, and
 * {@link ParameterFolding} computes the weights' product once, so the compiled plan has one matmul; the outputs are
 * the stack's (float64: to rounding), and the boundary on two moons is the straight line that one product draws,
 * while the same stack with ReLUs bends.
 */
final class NoActivationsLesson implements Lesson {
    static final int LAYERS = 10;
    static final int WIDTH = 16;
    static final int PER_CLASS = 200;
    static final long SEED = 2;

    /** A trained stack's accuracy on the moons, its predictions on the grid, and how straight their boundary is. */
    record Trained(double accuracy, int[] gridClasses, double straightness) {
    }

    /** Both stacks trained on the moons, and the linear one merged. */
    record Study(PlaneData moons, PlaneGrid grid, int epochs, Trained linear, Trained relu, Merged merged) {
    }

    /** What merging the trained linear stack gives: the folded graph, its plan, and the checks of its outputs. */
    record Merged(Graph graph, Map<String, Tensor> parameters, List<String> unmergedKernels, List<String> kernels,
                  double f32Error, double f64Error, double[] line, int disagreements, int disagreementsOffLine) {
        long products() {
            return kernels.stream().filter(NoActivationsLesson::isProduct).count();
        }

        long unmergedProducts() {
            return unmergedKernels.stream().filter(NoActivationsLesson::isProduct).count();
        }
    }

    @Override
    public String name() {
        return "no-activations";
    }

    @Override
    public String title() {
        return "Ten linear layers without activations merge into one matmul and draw one straight boundary";
    }

    /** Linear(2, 16), Linear(16, 16) eight times, Linear(16, 2), with {@code between} after each but the last. */
    static Sequential stack(Layer between) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 1; i <= LAYERS; i++) {
            layers.add(new Linear("l" + i, i == 1 ? 2 : WIDTH, i == LAYERS ? 2 : WIDTH));
            if (between != null && i < LAYERS) {
                layers.add(between);
            }
        }
        return new Sequential(layers);
    }

    /** Trains both stacks ({@code quick}: fewer epochs, a coarser grid) and merges the linear one. */
    static Study study(boolean quick) {
        PlaneData moons = PlaneData.moons(PER_CLASS, 0.15, SEED);
        PlaneGrid grid = PlaneGrid.around(moons, 0.4, quick ? 31 : 61);
        int epochs = quick ? 40 : 150;
        try (Model linear = train(stack(null), moons, epochs); Model relu = train(stack(Activation.RELU), moons,
                epochs)) {
            return new Study(moons, grid, epochs, trained(linear, moons, grid), trained(relu, moons, grid),
                    merge(linear, grid));
        }
    }

    @Override
    public void run(LessonRun run) throws IOException {
        Study study = study(run.quick());
        PlaneData moons = study.moons();
        PlaneGrid grid = study.grid();
        Trained linear = study.linear();
        Trained relu = study.relu();
        Merged m = study.merged();
        run.out().printf(Locale.ROOT,
                "Two stacks of %d linear layers, 2-%d-...-%d-2, on two moons (%d points, noise 0.15): "
                + "one with nothing between the layers, one with ReLU. Each trained with cross-entropy (Adam, lr 0.01, "
                + "%d epochs of batches of 20, compiled step).%n%n", LAYERS, WIDTH, WIDTH, moons.size(),
                study.epochs());
        run.out().printf(Locale.ROOT, "The linear stack's forward graph, compiled: %d kernels, %d of them matrix "
                + "products:%n", m.unmergedKernels().size(), m.unmergedProducts());
        m.unmergedKernels().forEach(k -> run.out().println("  " + k));
        run.out().println("LinearLayerMerging rewrites (h W1^T + b1) W2^T + b2 as h (W2 W1)^T + (W2 b1 + b2), layer "
                + "after layer; ParameterFolding computes W = W10 ... W1 and the bias once, from the trained "
                + "parameters, as new parameters (" + String.join(", ", m.parameters().keySet()) + "). Compiled: "
                + m.kernels().size() + " kernels, " + m.products() + " matrix product:");
        m.kernels().forEach(k -> run.out().println("  " + k));
        run.out().printf(Locale.ROOT, "Outputs on the %d grid points, merged against the stack: largest difference "
                + "%.1e of the largest output (float32, compiled); %.1e in float64 (the same weights, both graphs "
                + "run by the interpreter, since only f32 is compiled).%n%n", grid.size(), m.f32Error(),
                m.f64Error());

        double[] line = m.line();
        run.out().printf(Locale.ROOT, "Accuracy on the moons: linear stack %.1f%%, ReLU stack %.1f%%.%n",
                100 * linear.accuracy(), 100 * relu.accuracy());
        run.out().printf(Locale.ROOT, "The merged layer's two scores differ by d(x) = %s: class 1 where d(x) > 0, "
                + "the boundary the line d(x) = 0.%n", PlaneFigures.affine(line[0], line[1], line[2]));
        run.out().printf(Locale.ROOT, "That one line predicts the stack's class at %d of the %d grid points (%d "
                + "disagree, %d of them off the line by more than float32 rounding).%n", grid.size()
                - m.disagreements(), grid.size(), m.disagreements(), m.disagreementsOffLine());
        run.out().printf(Locale.ROOT, "Boundary points on the grid (midpoints between neighbours of different "
                + "classes), their largest distance from the straight line that fits them best: linear stack %.3f "
                + "(%.2f grid steps), ReLU stack %.3f (%.2f grid steps).%n%n", linear.straightness(),
                linear.straightness() / grid.cell(), relu.straightness(), relu.straightness() / grid.cell());
        run.out().println("Check your understanding, question 1: stacking ten linear neurons does not make the "
                + "boundary any more complex. W10(...(W2(W1 x + b1) + b2)...) + b10 = W x + b with W = W10 ... W1: "
                + "the composition of linear maps is one linear map, so ten layers compute what one layer computes, "
                + "here with one matmul, and draw one straight line (linear-stack-boundary). Put a nonlinearity "
                + "between the layers and the boundary bends around the data (relu-stack-boundary).");
        run.out().println();

        XYChart lin = PlaneFigures.chart("10 linear layers, no activation: one straight boundary", grid);
        PlaneFigures.regions(lin, grid, linear.gridClasses(), "stack predicts 0", "stack predicts 1");
        PlaneFigures.points(lin, moons, "moon 0", "moon 1");
        PlaneFigures.line(lin, grid, "merged: one matmul's boundary", line[0], line[1], line[2], Color.BLACK);
        run.figure("linear-stack-boundary", lin);
        XYChart bent = PlaneFigures.chart("10 linear layers with ReLU between them: the boundary bends", grid);
        PlaneFigures.regions(bent, grid, relu.gridClasses(), "stack predicts 0", "stack predicts 1");
        PlaneFigures.points(bent, moons, "moon 0", "moon 1");
        run.figure("relu-stack-boundary", bent);
    }

    /** Trains {@code network} on the moons with the Model API (compiled step); the caller closes the model. */
    private static Model train(Sequential network, PlaneData data, int epochs) {
        Model model = Model.builder(network).name("stack").input(2).seed(SEED).build();
        model.fit(data.classes(), null, FitOptions.defaults().epochs(epochs).batchSize(20).optimizer(Adam.of(0.01))
                .seed(SEED));
        return model;
    }

    private static Trained trained(Model model, PlaneData data, PlaneGrid grid) {
        double accuracy = ((ClassificationMetrics) model.evaluate(data.classes())).accuracy();
        int[] classes = model.predict(grid.points()).classes();
        return new Trained(accuracy, classes, PlaneGrid.straightness(grid.boundary(classes)));
    }

    /**
     * Merges the trained linear stack's forward graph on the grid, compiles both, and compares: the f32 outputs on the
     * compiled backend, and the same weights in float64 on the interpreter.
     */
    static Merged merge(Model stack, PlaneGrid grid) {
        Graph forward = stack.forward(grid.size(), false);
        ParameterFolding.Folded folded = ParameterFolding.fold(LinearLayerMerging.run(forward), stack.parameters());
        Tensor points = grid.points();
        Map<String, Tensor> feeds = new HashMap<>(folded.parameters());
        feeds.put("x", points);
        float[] merged = Backends.preferred().prepare(folded.graph()).run(feeds).get("output").floats();
        float[] original = stack.predict(points).outputs().floats();

        Architecture a = stack.architecture();
        Graph forward64 = new Architecture(a.name(), a.network(), a.inputShape(), Task.CLASSIFICATION, false,
                DType.F64).forward(grid.size(), false);
        Map<String, Tensor> params64 = new HashMap<>();
        stack.parameters().forEach((name, t) -> params64.put(name, widen(t)));
        ParameterFolding.Folded folded64 = ParameterFolding.fold(LinearLayerMerging.run(forward64), params64);
        Map<String, Tensor> feeds64 = new HashMap<>(params64);
        feeds64.put("x", widen(points));
        double[] expected64 = new Interpreter().prepare(forward64).run(feeds64).get("output").doubles();
        Map<String, Tensor> mergedFeeds64 = new HashMap<>(folded64.parameters());
        mergedFeeds64.put("x", feeds64.get("x"));
        double[] merged64 = new Interpreter().prepare(folded64.graph()).run(mergedFeeds64).get("output").doubles();

        // the line where the two scores are equal, from the float64 merged weights: row 1 minus row 0
        double[] w = folded64.parameters().get("l1_to_l" + LAYERS + ".weight").doubles();
        double[] b = folded64.parameters().get("l1_to_l" + LAYERS + ".bias").doubles();
        double[] line = {w[2] - w[0], w[3] - w[1], b[1] - b[0]};
        int[] classes = stack.predict(points).classes();
        double scale = Math.abs(line[0]) + Math.abs(line[1]) + Math.abs(line[2]);
        int disagree = 0;
        int offLine = 0;
        float[] p = points.floats();
        for (int i = 0; i < grid.size(); i++) {
            double d = line[0] * p[2 * i] + line[1] * p[2 * i + 1] + line[2];
            if ((d > 0 ? 1 : 0) != classes[i]) {
                disagree++;
                offLine += Math.abs(d) > 1e-5 * scale ? 1 : 0;
            }
        }
        return new Merged(folded.graph(), folded.parameters(), kernels(forward), kernels(folded.graph()),
                relativeError(original, merged), relativeError(expected64, merged64), line, disagree, offLine);
    }

    /** The kernel lines of a graph's compiled plan: name and what each computes. */
    static List<String> kernels(Graph g) {
        try (CompiledStep step = CompiledBackend.compile(g)) {
            String plan = step.plan().toString();
            List<String> out = new ArrayList<>();
            for (String line : plan.substring(plan.indexOf('\n') + 1, plan.indexOf("\nbuffers:")).split("\n")) {
                if (!line.startsWith(" ")) {
                    out.add(line.replaceAll("\\s+in:.*", "").replaceAll("\\s{2,}", "  ").strip());
                }
            }
            return out;
        }
    }

    static boolean isProduct(String kernel) {
        return kernel.matches("\\S+\\s+gemm .*");
    }

    private static Tensor widen(Tensor t) {
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getDouble(i);
        }
        return Tensor.of(v, t.shape().dims());
    }

    private static double relativeError(float[] expected, float[] actual) {
        double[] e = new double[expected.length];
        double[] a = new double[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
            a[i] = actual[i];
        }
        return relativeError(e, a);
    }

    private static double relativeError(double[] expected, double[] actual) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }
}
