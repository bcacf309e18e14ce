package io.chainrule.examples.lessons;

import io.chainrule.runtime.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Points of the plane with a class each, 0 or 1: the lessons' two-dimensional data sets, made from a seed. */
record PlaneData(double[] x1, double[] x2, int[] labels) {

    /** Two Gaussian blobs of {@code perClass} points, class 0 around (-1, -1) and class 1 around (1.5, 1). */
    static PlaneData blobs(int perClass, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        PlaneData d = empty(2 * perClass);
        for (int i = 0; i < d.size(); i++) {
            int label = i % 2;
            d.x1[i] = (label == 0 ? -1 : 1.5) + 0.6 * gaussian(rng);
            d.x2[i] = (label == 0 ? -1 : 1) + 0.6 * gaussian(rng);
            d.labels[i] = label;
        }
        return d;
    }

    /**
     * Two interleaving half circles, as scikit-learn's make_moons: class 0 on (cos t, sin t), class 1 on
     * (1 - cos t, 0.5 - sin t), t in [0, pi], with Gaussian noise of standard deviation {@code noise}.
     */
    static PlaneData moons(int perClass, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        PlaneData d = empty(2 * perClass);
        for (int i = 0; i < d.size(); i++) {
            int label = i % 2;
            double t = Math.PI * (i / 2) / (perClass - 1);
            d.x1[i] = (label == 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * gaussian(rng);
            d.x2[i] = (label == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * gaussian(rng);
            d.labels[i] = label;
        }
        return d;
    }

    /** A logic gate's truth table: the corners (0,0), (0,1), (1,0), (1,1) with the gate's outputs. */
    static PlaneData truthTable(int... outputs) {
        PlaneData d = empty(4);
        for (int i = 0; i < 4; i++) {
            d.x1[i] = i / 2;
            d.x2[i] = i % 2;
            d.labels[i] = outputs[i];
        }
        return d;
    }

    private static PlaneData empty(int n) {
        return new PlaneData(new double[n], new double[n], new int[n]);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller, so the points depend on the seed alone, not on a JDK's nextGaussian algorithm
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    int size() {
        return labels.length;
    }

    float[][] features() {
        float[][] f = new float[size()][];
        for (int i = 0; i < size(); i++) {
            f[i] = new float[] {(float) x1[i], (float) x2[i]};
        }
        return f;
    }

    /** For a classifier: the labels as classes. */
    Dataset classes() {
        return Dataset.classification(features(), labels);
    }

    /** For a regression model such as the neuron: the labels as targets 0 and 1. */
    Dataset targets() {
        float[] t = new float[size()];
        for (int i = 0; i < size(); i++) {
            t[i] = labels[i];
        }
        return Dataset.regression(features(), t);
    }

    /** The coordinates of the points of one class: {x1 values, x2 values}. */
    double[][] ofClass(int label) {
        int n = (int) Arrays.stream(labels).filter(l -> l == label).count();
        double[][] out = new double[2][n];
        for (int i = 0, j = 0; i < size(); i++) {
            if (labels[i] == label) {
                out[0][j] = x1[i];
                out[1][j++] = x2[i];
            }
        }
        return out;
    }
}
