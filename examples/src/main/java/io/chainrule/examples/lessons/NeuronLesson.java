package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.SideBySidePrinter;
import io.chainrule.autodiff.Simplifier;
import io.chainrule.examples.Models;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.History;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import java.awt.Color;
import java.io.IOException;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * One neuron, y = sigmoid(w.x + b): chainrule's built-in model {@code neuron}, its graph printed beside the backward
 * graph autodiff derives from it, trained on two blobs by the compiled step, and the line it draws between them.
 */
final class NeuronLesson implements Lesson {
    static final int PER_CLASS = 100;
    static final int BATCH = 20;
    static final long SEED = 1;
    /** The neuron's output is 0.9 where w.x + b = ln 9, and 0.1 where it is -ln 9. */
    private static final double LOGIT_09 = Math.log(9);

    /** What the trained neuron learned: its weights, bias, accuracy and final training loss. */
    record Result(double w1, double w2, double b, int correct, int examples, double loss, double[] losses) {
    }

    @Override
    public String name() {
        return "neuron";
    }

    @Override
    public String title() {
        return "One neuron y = sigmoid(w.x + b): its graph beside its backward graph, and the line it draws";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        Architecture neuron = Models.find("neuron").orElseThrow().trainable().orElseThrow();
        run.out().printf(Locale.ROOT,
                "The neuron y = sigmoid(w.x + b), chainrule's built-in model 'neuron': Linear(2, 1), "
                + "then sigmoid, trained by mean squared error against targets 0 and 1.%n%n");
        Graph backward = Simplifier.simplify(Gradients.of(neuron.forward(BATCH, true), "loss"));
        run.out().println("Its graph for a batch of " + BATCH + " (left) and the backward graph autodiff derives "
                + "from it (right, simplified), row by row: each backward node beside the forward node whose gradient "
                + "rule made it. Read the right column from the loss up: the loss's gradient 2 (y - t) / N, then "
                + "sigmoid's y (1 - y), then the bias's gradient (a sum over the batch) and the weight's (a product "
                + "with x).");
        run.out().println(SideBySidePrinter.print(backward));

        PlaneData blobs = PlaneData.blobs(PER_CLASS, SEED);
        int epochs = run.quick() ? 40 : 100;
        Result r = train(neuron, blobs, epochs);
        double norm = Math.hypot(r.w1(), r.w2());
        run.out().printf(Locale.ROOT,
                "Trained on two blobs of %d points each (Adam, lr 0.05, %d epochs of batches of %d, "
                + "compiled step): training loss %.4f after epoch 1, %.4f after epoch %d.%n", PER_CLASS, epochs, BATCH,
                r.losses()[0], r.loss(), epochs);
        run.out().printf(Locale.ROOT,
                "Learned w = (%.4f, %.4f), b = %.4f. The decision boundary is the line w.x + b = 0, "
                + "%s, where the output is sigmoid(0) = 0.5;%n", r.w1(), r.w2(), r.b(),
                PlaneFigures.equation(r.w1(), r.w2(), r.b()));
        run.out().printf(Locale.ROOT,
                "the output reaches 0.9 at distance ln(9) / |w| = %.3f from it on one side, 0.1 on "
                + "the other: a soft step across one straight line.%n", LOGIT_09 / norm);
        run.out().printf(Locale.ROOT, "Accuracy (output > 0.5 for class 1): %d of %d points (%.1f%%).%n%n", r.correct(),
                r.examples(), 100.0 * r.correct() / r.examples());

        PlaneGrid box = PlaneGrid.around(blobs, 0.5, 2);
        XYChart chart = PlaneFigures.chart("One neuron's decision boundary: sigmoid(w.x + b) = 0.5", box);
        PlaneFigures.points(chart, blobs, "class 0 (target 0)", "class 1 (target 1)");
        PlaneFigures.line(chart, box, "w.x + b = 0 (output 0.5)", r.w1(), r.w2(), r.b(), Color.BLACK);
        PlaneFigures.line(chart, box, "output 0.1", r.w1(), r.w2(), r.b() + LOGIT_09, PlaneFigures.CLASS[0].darker());
        PlaneFigures.line(chart, box, "output 0.9", r.w1(), r.w2(), r.b() - LOGIT_09, PlaneFigures.CLASS[1].darker());
        run.figure("neuron-boundary", chart);

        double[] epochAxis = new double[r.losses().length];
        for (int i = 0; i < epochAxis.length; i++) {
            epochAxis[i] = i + 1;
        }
        XYChart loss = Figures.lines("One neuron learning two blobs: training loss per epoch", "epoch",
                "mean squared error");
        Figures.line(loss, "training loss", epochAxis, r.losses());
        run.figure("neuron-loss", loss);
    }

    /** Trains the neuron on {@code data} with the Model API (compiled step) and reads back what it learned. */
    static Result train(Architecture neuron, PlaneData data, int epochs) {
        try (Model model = Model.builder(neuron).seed(SEED).build()) {
            History h = model.fit(data.targets(), null, FitOptions.defaults().epochs(epochs).batchSize(BATCH)
                    .optimizer(Adam.of(0.05)).seed(SEED));
            float[] w = model.parameters().get("neuron.weight").floats();
            float b = model.parameters().get("neuron.bias").floats()[0];
            Predictions p = model.predict(data.targets());
            int correct = 0;
            for (int i = 0; i < data.size(); i++) {
                correct += (p.outputs(i)[0] > 0.5 ? 1 : 0) == data.labels()[i] ? 1 : 0;
            }
            double[] losses = h.epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray();
            return new Result(w[0], w[1], b, correct, data.size(), losses[losses.length - 1], losses);
        }
    }
}
