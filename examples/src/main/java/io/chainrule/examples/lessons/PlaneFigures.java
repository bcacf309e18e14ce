package io.chainrule.examples.lessons;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Decision boundaries in the plane, with XChart: the data as dots per class, a classifier's regions as the grid's
 * points shaded by their predicted class, and lines w1 x1 + w2 x2 + b = 0 clipped to the picture.
 */
final class PlaneFigures {
    static final Color[] CLASS = {new Color(31, 119, 180), new Color(255, 127, 14)};
    private static final Color[] REGION = {new Color(198, 219, 239), new Color(253, 208, 162)};
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;

    private PlaneFigures() {
    }

    /** An empty picture of the rectangle, axes x1 and x2. */
    static XYChart chart(String title, PlaneGrid box) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x1")
                .yAxisTitle("x2").build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setMarkerSize(8);
        chart.getStyler().setXAxisMin(box.low1()).setXAxisMax(box.high1()).setYAxisMin(box.low2())
                .setYAxisMax(box.high2());
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        return chart;
    }

    /** The data's points, one series per class, named {@code names[label]}. */
    static void points(XYChart chart, PlaneData d, String... names) {
        for (int label = 0; label < names.length; label++) {
            double[][] p = d.ofClass(label);
            if (p[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(names[label], p[0], p[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(CLASS[label]);
        }
    }

    /** The grid's points shaded by the class {@code classes} gives each, as tiles filling the picture. */
    static void regions(XYChart chart, PlaneGrid grid, int[] classes, String... names) {
        Marker tile = new Tile(grid.n(), chart.getStyler().getPlotContentSize());
        for (int label = 0; label < names.length; label++) {
            double[][] p = grid.ofClass(classes, label);
            if (p[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(names[label], p[0], p[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(tile);
            s.setMarkerColor(REGION[label]);
        }
    }

    /**
     * The line w1 x1 + w2 x2 + b = 0 across the picture's rectangle, or null when it misses the rectangle (or w is
     * zero, when there is no line: every point falls on one side).
     */
    static XYSeries line(XYChart chart, PlaneGrid box, String name, double w1, double w2, double b, Color color) {
        List<double[]> ends = new ArrayList<>();
        if (w2 != 0) {
            for (double x : new double[] {box.low1(), box.high1()}) {
                double y = -(w1 * x + b) / w2;
                if (y >= box.low2() && y <= box.high2()) {
                    ends.add(new double[] {x, y});
                }
            }
        }
        if (w1 != 0) {
            for (double y : new double[] {box.low2(), box.high2()}) {
                double x = -(w2 * y + b) / w1;
                if (x > box.low1() && x < box.high1()) {
                    ends.add(new double[] {x, y});
                }
            }
        }
        if (ends.size() < 2) {
            return null;
        }
        ends.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(p[1], q[1]));
        double[] from = ends.get(0);
        double[] to = ends.get(ends.size() - 1);
        XYSeries s = chart.addSeries(name, new double[] {from[0], to[0]}, new double[] {from[1], to[1]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        // translucent, as XChart draws its own lines (and as tests count curves)
        s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 200));
        s.setLineWidth(2.5f);
        return s;
    }

    /** {@code 1.2000 x1 - 0.5000 x2 + 0.2500 = 0}. */
    static String equation(double w1, double w2, double b) {
        return affine(w1, w2, b) + " = 0";
    }

    /** {@code 1.2000 x1 - 0.5000 x2 + 0.2500}. */
    static String affine(double w1, double w2, double b) {
        return String.format(Locale.ROOT, "%.4f x1 %s %.4f x2 %s %.4f", w1, w2 < 0 ? "-" : "+",
                Math.abs(w2), b < 0 ? "-" : "+", Math.abs(b));
    }

    /** A color from light to dark along a sequence, for lines drawn at successive times. */
    static Color shade(int i, int count) {
        float t = count <= 1 ? 1 : (float) i / (count - 1);
        return Color.getHSBColor(0.75f - 0.75f * t, 0.85f, 0.85f - 0.35f * t);
    }

    /**
     * A filled rectangle one grid step wide and high, whatever the chart's marker size. XChart clips the plot content
     * to the plot area while painting it and maps the axes' range to a fraction of it (the plot content size), so the
     * clip gives the step in pixels; half a pixel more on each side leaves no seams.
     */
    private static final class Tile extends Marker {
        private final int n;
        private final double contentSize;

        Tile(int n, double contentSize) {
            this.n = n;
            this.contentSize = contentSize;
        }

        @Override
        public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
            Rectangle2D plot = g.getClipBounds();
            // the legend paints its sample without a clip: a square of the marker size
            double w = plot == null ? markerSize : plot.getWidth() * contentSize / (n - 1) + 1;
            double h = plot == null ? markerSize : plot.getHeight() * contentSize / (n - 1) + 1;
            g.fill(new Rectangle2D.Double(xOffset - w / 2, yOffset - h / 2, w, h));
        }
    }
}
