package io.chainrule.examples.lessons;

import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An n x n grid of points over a rectangle of the plane, where a classifier's predictions show its decision regions;
 * point (i, j) is {@code x1 = x1(i)}, {@code x2 = x2(j)}, at index {@code j * n + i}.
 */
record PlaneGrid(double low1, double high1, double low2, double high2, int n) {

    /** A grid over the data's bounding box, widened by {@code margin} on each side. */
    static PlaneGrid around(PlaneData d, double margin, int n) {
        return new PlaneGrid(min(d.x1()) - margin, max(d.x1()) + margin, min(d.x2()) - margin,
                max(d.x2()) + margin, n);
    }

    double x1(int i) {
        return low1 + (high1 - low1) * i / (n - 1);
    }

    double x2(int j) {
        return low2 + (high2 - low2) * j / (n - 1);
    }

    int size() {
        return n * n;
    }

    /** The points as a [n*n, 2] f32 tensor, a model's input. */
    Tensor points() {
        float[] v = new float[2 * size()];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                v[2 * (j * n + i)] = (float) x1(i);
                v[2 * (j * n + i) + 1] = (float) x2(j);
            }
        }
        return Tensor.of(v, size(), 2);
    }

    /** The grid points given class {@code label} by {@code classes}: {x1 values, x2 values}. */
    double[][] ofClass(int[] classes, int label) {
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (classes[j * n + i] == label) {
                    pts.add(new double[] {x1(i), x2(j)});
                }
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            out[0][k] = pts.get(k)[0];
            out[1][k] = pts.get(k)[1];
        }
        return out;
    }

    /** Midpoints between neighbouring grid points (along a row or a column) whose classes differ: the boundary. */
    List<double[]> boundary(int[] classes) {
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int c = classes[j * n + i];
                if (i + 1 < n && classes[j * n + i + 1] != c) {
                    pts.add(new double[] {(x1(i) + x1(i + 1)) / 2, x2(j)});
                }
                if (j + 1 < n && classes[(j + 1) * n + i] != c) {
                    pts.add(new double[] {x1(i), (x2(j) + x2(j + 1)) / 2});
                }
            }
        }
        return pts;
    }

    /** The larger of the grid's two steps. */
    double cell() {
        return Math.max((high1 - low1) / (n - 1), (high2 - low2) / (n - 1));
    }

    /**
     * How far the points stray from the straight line that fits them best (total least squares: the line through
     * their mean along their principal direction): the largest distance, 0 for points on one line.
     */
    static double straightness(List<double[]> pts) {
        double m1 = pts.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double m2 = pts.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        for (double[] p : pts) {
            s11 += (p[0] - m1) * (p[0] - m1);
            s12 += (p[0] - m1) * (p[1] - m2);
            s22 += (p[1] - m2) * (p[1] - m2);
        }
        // the principal direction of the 2 x 2 scatter matrix; the line's normal is perpendicular to it
        double angle = 0.5 * Math.atan2(2 * s12, s11 - s22);
        double n1 = -Math.sin(angle);
        double n2 = Math.cos(angle);
        return pts.stream().mapToDouble(p -> Math.abs(n1 * (p[0] - m1) + n2 * (p[1] - m2))).max().orElse(0);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
