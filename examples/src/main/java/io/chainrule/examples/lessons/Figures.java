package io.chainrule.examples.lessons;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts the lessons draw, with XChart: one look for all of them, and PNG plus SVG files. */
final class Figures {
    static {
        // lessons run on servers and in CI, where there is no display
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final int MAX_POINTS = 250;

    private Figures() {
    }

    /** A line chart with the lessons' style. */
    static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** A line series without markers, of at most {@link #MAX_POINTS} points (an SVG draws each segment). */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        int step = Math.max(1, (x.length + MAX_POINTS - 1) / MAX_POINTS);
        XYSeries s = chart.addSeries(name, every(x, step), every(y, step));
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static double[] every(double[] v, int step) {
        int n = (v.length + step - 1) / step;
        double[] out = new double[n + ((v.length - 1) % step == 0 ? 0 : 1)];
        for (int i = 0; i < n; i++) {
            out[i] = v[i * step];
        }
        if (out.length > n) {
            out[n] = v[v.length - 1];
        }
        return out;
    }

    /**
     * Writes {@code <stem>.png} and {@code <stem>.svg} into {@code folder}; returns both paths. XChart draws text as
     * outlines, so the SVG also gets a {@code <title>} (the chart's) and a {@code <desc>} naming the axes and the
     * series: what screen readers read, and what tests check.
     */
    static List<Path> write(Chart<?, ?> chart, Path folder, String stem) throws IOException {
        Path png = folder.resolve(stem + ".png");
        Path svg = folder.resolve(stem + ".svg");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int root = text.indexOf('>', text.indexOf("<svg")) + 1;
        String described = "\n  <title>" + escape(chart.getTitle()) + "</title>\n  <desc>" + escape("x axis: "
                + chart.getXAxisTitle() + "; y axis: " + chart.getYAxisTitle() + "; series: "
                + String.join(" | ", chart.getSeriesMap().keySet())) + "</desc>";
        AtomicFile.write(svg, out -> out.write(ByteBuffer.wrap((text.substring(0, root) + described
                + text.substring(root)).getBytes(StandardCharsets.UTF_8))));
        return List.of(png, svg);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
