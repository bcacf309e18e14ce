package io.chainrule.examples.sim;

import io.chainrule.runtime.data.Dataset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The backprop page's four 2-D problems, as TensorFlow Playground has them: points in [-1, 1]^2 with labels 0 and 1,
 * the same points for the same seed. XOR and the circles need one hidden layer, the spirals several.
 */
enum PlaneDataset {
    XOR, CIRCLES, SPIRALS, BLOBS;

    /** Points per dataset: all of them train (the page shows what the network learns from them). */
    static final int SIZE = 200;

    /** Points with their labels. */
    record Points(float[][] xy, int[] labels) {
        Dataset dataset() {
            return Dataset.classification(xy, labels);
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dataset named {@code id}; an unknown name is an IllegalArgumentException that lists the names. */
    static PlaneDataset parse(String id) {
        return Arrays.stream(values()).filter(d -> d.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown dataset '" + id + "': expected one of " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(PlaneDataset::id).collect(Collectors.joining(", "));
    }

    Points points(long seed) {
        Random r = new Random(seed * 31 + ordinal());
        float[][] xy = new float[SIZE][];
        int[] labels = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            int label = i % 2;
            labels[i] = label;
            xy[i] = switch (this) {
                case XOR -> xor(r, label);
                case CIRCLES -> circle(r, label);
                case SPIRALS -> spiral(r, label, i / 2, SIZE / 2);
                case BLOBS -> blob(r, label);
            };
        }
        return new Points(xy, labels);
    }

    /** Label 1 where x and y have the same sign; kept 0.05 off the axes, where the label flips. */
    private static float[] xor(Random r, int label) {
        double x = 0.05 + 0.9 * r.nextDouble();
        double y = 0.05 + 0.9 * r.nextDouble();
        boolean flipX = r.nextBoolean();
        // same signs for label 1, opposite for label 0
        boolean flipY = label == 1 ? flipX : !flipX;
        return point(flipX ? -x : x, flipY ? -y : y);
    }

    /** Label 1 inside radius 0.45, label 0 on the ring from 0.65 to 1. */
    private static float[] circle(Random r, int label) {
        double radius = label == 1 ? 0.45 * Math.sqrt(r.nextDouble()) : 0.65 + 0.35 * r.nextDouble();
        double angle = 2 * Math.PI * r.nextDouble();
        return point(radius * Math.cos(angle) + 0.02 * r.nextGaussian(), radius * Math.sin(angle)
                + 0.02 * r.nextGaussian());
    }

    /** Two arms of 1.5 turns, one per label, half a turn apart. */
    private static float[] spiral(Random r, int label, int index, int perArm) {
        double t = (double) index / perArm;
        double radius = 0.05 + 0.9 * t;
        double angle = 3 * Math.PI * t + label * Math.PI;
        return point(radius * Math.cos(angle) + 0.03 * r.nextGaussian(), radius * Math.sin(angle)
                + 0.03 * r.nextGaussian());
    }

    /** Gaussians of spread 0.25 around (-0.4, -0.4) and (0.4, 0.4). */
    private static float[] blob(Random r, int label) {
        double c = label == 1 ? 0.4 : -0.4;
        return point(c + 0.25 * r.nextGaussian(), c + 0.25 * r.nextGaussian());
    }

    private static float[] point(double x, double y) {
        return new float[] {(float) Math.max(-1, Math.min(1, x)), (float) Math.max(-1, Math.min(1, y))};
    }
}
