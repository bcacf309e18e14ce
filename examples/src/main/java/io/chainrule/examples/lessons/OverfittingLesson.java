package io.chainrule.examples.lessons;

import io.chainrule.autodiff.Adam;
import io.chainrule.examples.Models;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.History;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * The lesson's MLP (784-120-84-10) on 1,000 MNIST images, where it memorizes: the training loss keeps falling while
 * the validation loss, on images it never trains on, turns and rises. Early stopping ({@link FitOptions#patience})
 * stops a second, identical run there and keeps the best epoch's parameters.
 */
final class OverfittingLesson implements Lesson {
    static final int TRAINING_IMAGES = 1000;
    /** The validation images: the start of the training file's last 10,000, which the 1,000 are not taken from. */
    static final int VALIDATION_FROM = 50_000;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.001;
    static final int PATIENCE = 5;
    static final long SEED = 1;
    /** XChart's first two series colors, and grays for the marks (translucent, as XChart draws data lines). */
    private static final Color TRAINING = new Color(0, 55, 255, 180);
    private static final Color VALIDATION = new Color(255, 172, 0, 180);
    private static final Color KEPT = new Color(60, 60, 60, 200);
    private static final Color STOPPED = new Color(150, 150, 150, 200);

    /** How much of it to run: the quick run validates on fewer images and stops sooner, with the same claim. */
    record Setup(int validationImages, int epochs) {
        static Setup of(boolean quick) {
            return quick ? new Setup(1000, 20) : new Setup(5000, 40);
        }
    }

    /**
     * Both runs: {@code full} trains every epoch (with the training set's accuracy measured after each), {@code early}
     * the same from the same start with early stopping, and {@code kept} is the early-stopped model's validation
     * metrics as it ends, with the parameters it kept.
     */
    record Outcome(Setup setup, History full, double[] trainAccuracy, History early, ClassificationMetrics kept) {
        /** The epoch with the lowest validation loss in the full run (the first of equals). */
        int bestEpoch() {
            return lowest(full.epochs());
        }

        /** The epoch early stopping kept: the lowest validation loss before it stopped. */
        int keptEpoch() {
            return lowest(early.epochs());
        }

        private static int lowest(List<EpochRecord> epochs) {
            int best = 0;
            for (int e = 1; e < epochs.size(); e++) {
                if (epochs.get(e).validation().loss() < epochs.get(best).validation().loss()) {
                    best = e;
                }
            }
            return epochs.get(best).epoch();
        }

        double validationLoss(int epoch) {
            return full.epochs().get(epoch - 1).validation().loss();
        }

        double validationAccuracy(int epoch) {
            return ((ClassificationMetrics) full.epochs().get(epoch - 1).validation()).accuracy();
        }
    }

    @Override
    public String name() {
        return "overfitting";
    }

    @Override
    public String title() {
        return "the MLP on 1,000 MNIST images: training and validation loss per epoch, and early stopping";
    }

    @Override
    public void run(LessonRun run) throws IOException {
        report(study(Setup.of(run.quick()), run.data()), run);
    }

    /** Trains the lesson's MLP twice on MNIST's first 1,000 training images: every epoch, then stopping early. */
    static Outcome study(Setup setup, DataLocation data) throws IOException {
        Dataset all = Mnist.train(data.find(Mnist.DIRECTORY, Mnist.FILES));
        Dataset train = all.rows(0, TRAINING_IMAGES);
        Dataset validation = all.rows(VALIDATION_FROM, VALIDATION_FROM + setup.validationImages());
        FitOptions options = FitOptions.defaults().epochs(setup.epochs()).batchSize(BATCH)
                .optimizer(Adam.of(LEARNING_RATE)).seed(SEED);
        Architecture mlp = Models.find("mnist-mlp").orElseThrow().trainable().orElseThrow();
        try (Model full = Model.builder(mlp).seed(SEED).build();
             Model early = Model.builder(mlp).seed(SEED).build()) {
            List<Double> trainAccuracy = new ArrayList<>();
            // the fit's training loss is the mean over the epoch's batches; accuracy is measured after the epoch
            TrainingListener measure = new TrainingListener() {
                @Override
                public void epochEnded(EpochRecord record) {
                    trainAccuracy.add(((ClassificationMetrics) full.evaluate(train)).accuracy());
                }
            };
            History fullHistory = full.fit(train, validation, options, measure);
            History earlyHistory = early.fit(train, validation, options.patience(PATIENCE));
            return new Outcome(setup, fullHistory, trainAccuracy.stream().mapToDouble(Double::doubleValue).toArray(),
                    earlyHistory, (ClassificationMetrics) early.evaluate(validation));
        }
    }

    static void report(Outcome o, LessonRun run) throws IOException {
        Setup s = o.setup();
        run.out().printf(Locale.ROOT, "The lesson's MLP (784-120-84-10, ReLU, log-softmax, cross-entropy; Adam lr %s, "
                + "batches of %d) trained on MNIST's first %,d training images and validated on %,d others (images "
                + "%,d to %,d, never trained on), on the compiled step. The training loss is the mean over each "
                + "epoch's batches, as the fit reports it; the accuracies are measured after each epoch.%n%n",
                LEARNING_RATE, BATCH, TRAINING_IMAGES, s.validationImages(), VALIDATION_FROM + 1,
                VALIDATION_FROM + s.validationImages());
        int best = o.bestEpoch();
        int kept = o.keptEpoch();
        int stop = o.early().last().epoch();
        List<EpochRecord> epochs = o.full().epochs();
        run.out().printf(Locale.ROOT, "%5s %11s %10s %11s %10s%n", "epoch", "train loss", "train acc", "valid loss",
                "valid acc");
        for (EpochRecord r : epochs) {
            int e = r.epoch();
            String mark = e == kept ? "  <- lowest validation loss" + (kept == best ? "" : " before the stop")
                    : e == best ? "  <- lowest validation loss" : e == stop
                    ? "  <- early stopping stops here (patience " + PATIENCE + ")" : "";
            run.out().printf(Locale.ROOT, "%5d %11.4f %10.4f %11.4f %10.4f%s%n", e, r.trainLoss(),
                    o.trainAccuracy()[e - 1], o.validationLoss(e), o.validationAccuracy(e), mark);
        }
        int last = epochs.size();
        double accuracyChange = o.validationAccuracy(last) - o.validationAccuracy(best);
        run.out().printf(Locale.ROOT, "%nFrom epoch %d to %d the training loss fell from %.4f to %.4f (training "
                + "accuracy %.4f: the network has memorized its 1,000 images) while the validation loss rose from %.4f"
                + " to %.4f (%+.0f%%). The validation accuracy went from %.4f to %.4f%s.%n", best, last,
                epochs.get(best - 1).trainLoss(), epochs.get(last - 1).trainLoss(), o.trainAccuracy()[last - 1],
                o.validationLoss(best), o.validationLoss(last),
                100 * (o.validationLoss(last) / o.validationLoss(best) - 1), o.validationAccuracy(best),
                o.validationAccuracy(last), Math.abs(accuracyChange) < 0.01 ? ": it hardly moves, so what the rising "
                        + "loss measures is the network's growing confidence in the answers it gets wrong" : "");
        boolean repeats = true;
        for (EpochRecord r : o.early().epochs()) {
            EpochRecord same = epochs.get(r.epoch() - 1);
            repeats &= r.validation().loss() == same.validation().loss() && r.trainLoss() == same.trainLoss();
        }
        run.out().printf(Locale.ROOT, "Early stopping (FitOptions.patience(%d)), from the same start: %s%s. The "
                + "model it returns has validation loss %.4f, accuracy %.4f.%n%n", PATIENCE,
                o.early().stoppedEarlyBecause(), repeats ? " (its epochs 1 to " + stop + " are the full run's, bit for"
                + " bit: the same start and the same batches)" : "", o.kept().loss(), o.kept().accuracy());

        double[] x = new double[last];
        double[] trainLoss = new double[last];
        double[] validLoss = new double[last];
        double[] validAcc = new double[last];
        for (int e = 1; e <= last; e++) {
            x[e - 1] = e;
            trainLoss[e - 1] = epochs.get(e - 1).trainLoss();
            validLoss[e - 1] = o.validationLoss(e);
            validAcc[e - 1] = o.validationAccuracy(e);
        }
        XYChart loss = Figures.lines("MLP on 1,000 MNIST images: training and validation loss", "epoch",
                "cross-entropy loss");
        markEarlyStopping(loss, kept, stop, 0, Math.max(max(trainLoss), max(validLoss)));
        Figures.line(loss, "training loss", x, trainLoss).setLineColor(TRAINING);
        Figures.line(loss, "validation loss", x, validLoss).setLineColor(VALIDATION);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        run.figure("loss", loss);
        XYChart accuracy = Figures.lines("MLP on 1,000 MNIST images: training and validation accuracy", "epoch",
                "accuracy");
        markEarlyStopping(accuracy, kept, stop, Math.min(min(o.trainAccuracy()), min(validAcc)), 1);
        Figures.line(accuracy, "training accuracy", x, o.trainAccuracy()).setLineColor(TRAINING);
        Figures.line(accuracy, "validation accuracy", x, validAcc).setLineColor(VALIDATION);
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        run.figure("accuracy", accuracy);
    }

    /**
     * Vertical lines at the kept epoch and where early stopping stops, from {@code low} to {@code high}. They come
     * first: XChart puts a label at every x when a chart's x values, in the order of its series, are evenly spaced, and
     * 40 epochs' labels run together.
     */
    private static void markEarlyStopping(XYChart chart, int kept, int stop, double low, double high) {
        Figures.line(chart, "kept epoch " + kept, new double[] {kept, kept}, new double[] {low, high})
                .setLineColor(KEPT);
        XYSeries stopped = Figures.line(chart, "early stopping stops (epoch " + stop + ")",
                new double[] {stop, stop}, new double[] {low, high});
        stopped.setLineColor(STOPPED);
        stopped.setLineStyle(SeriesLines.DASH_DASH);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
