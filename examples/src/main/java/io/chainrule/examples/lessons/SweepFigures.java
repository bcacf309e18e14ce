package io.chainrule.examples.lessons;

import io.chainrule.examples.sweep.FitResult;
import io.chainrule.examples.sweep.TrialOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A sweep's results drawn as the challenge lesson draws its own: error against parameters, and against time. */
public final class SweepFigures {
    private SweepFigures() {
    }

    /**
     * Writes {@code error-vs-parameters} (every finished run, a series per target and depth) and
     * {@code error-vs-time} (the best run of each target and shape, its error after each epoch against its CPU
     * time), PNG and SVG, into {@code folder}; returns the files. Failed runs are not drawn; with no finished run,
     * nothing is written.
     */
    public static List<Path> write(List<TrialOutcome> outcomes, Path folder) throws IOException {
        List<FitResult> finished = outcomes.stream().filter(o -> o instanceof TrialOutcome.Finished)
                .map(o -> ((TrialOutcome.Finished) o).result()).toList();
        if (finished.isEmpty()) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(Figures.write(errorAgainstParameters(finished), folder,
                "error-vs-parameters"));
        files.addAll(Figures.write(errorAgainstTime(finished), folder, "error-vs-time"));
        return files;
    }

    private static XYChart errorAgainstParameters(List<FitResult> results) {
        XYChart chart = Figures.lines("final error against parameters, every run", "parameters",
                "error relative to the constant predictor");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        Map<String, List<FitResult>> series = new LinkedHashMap<>();
        for (FitResult r : results) {
            int layers = r.trial().hidden().size();
            series.computeIfAbsent(r.trial().target().name() + ", " + layers + " hidden layer" + (layers == 1 ? ""
                    : "s"), k -> new ArrayList<>()).add(r);
        }
        series.forEach((name, runs) -> {
            XYSeries s = chart.addSeries(name, runs.stream().mapToDouble(FitResult::parameters).toArray(),
                    runs.stream().mapToDouble(FitResult::relativeError).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        logarithmic(chart, results.stream().mapToDouble(FitResult::parameters).toArray(),
                results.stream().mapToDouble(FitResult::relativeError).toArray());
        return chart;
    }

    private static XYChart errorAgainstTime(List<FitResult> results) {
        XYChart chart = Figures.lines("error during training, the best run of each shape",
                "training time (CPU seconds)", "error relative to the constant predictor");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Map<String, FitResult> best = new LinkedHashMap<>();
        for (FitResult r : results) {
            best.merge(r.trial().target().name() + " " + r.trial().shape(), r,
                    (a, b) -> Comparator.comparingDouble(FitResult::relativeError).compare(a, b) <= 0 ? a : b);
        }
        List<Double> errors = new ArrayList<>();
        best.forEach((name, r) -> {
            double[] relative = Arrays.stream(r.epochMse()).map(m -> m / r.constantMse()).toArray();
            Arrays.stream(relative).forEach(errors::add);
            Figures.line(chart, name + " (" + r.parameters() + ")", r.epochSeconds(), relative);
        });
        chart.getStyler().setYAxisLogarithmic(errors.stream().allMatch(e -> e > 0));
        return chart;
    }

    /** Log axes, labelled at the powers of ten when the values span one or more. */
    private static void logarithmic(XYChart chart, double[] x, double[] y) {
        chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(decades(x) >= 1);
        if (Arrays.stream(y).allMatch(v -> v > 0)) {
            chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(decades(y) >= 1);
        }
    }

    private static double decades(double[] values) {
        double min = Arrays.stream(values).min().orElse(1);
        double max = Arrays.stream(values).max().orElse(1);
        return Math.log10(max / min);
    }
}
