package io.chainrule.examples.cli;

import io.chainrule.runtime.data.Dataset;
import java.util.Optional;

/**
 * The data the lesson trains two of its built-in models on, made here rather than read: XOR's four points for
 * {@code xor-mlp}, and sin(10x) at 1,000 evenly spaced points of [0, 1] for {@code sin-mlp}. The neuron has no data
 * of its own: it trains on a CSV.
 */
final class LessonData {
    static final int SIN_POINTS = 1000;

    private LessonData() {
    }

    /** The lesson's data for the model whose graph is named {@code graphName} (xor_mlp, sin_mlp), if it has any. */
    static Optional<Dataset> forModel(String graphName) {
        return switch (graphName) {
            case "xor_mlp" -> Optional.of(xor());
            case "sin_mlp" -> Optional.of(sin());
            default -> Optional.empty();
        };
    }

    /** (0,0) -> 0, (0,1) -> 1, (1,0) -> 1, (1,1) -> 0, as regression targets (the model ends in a sigmoid). */
    static Dataset xor() {
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[] y = {0, 1, 1, 0};
        return Dataset.regression(x, y).describedAs("XOR (4 points)");
    }

    /** y = sin(10x) at x = i / 999, i = 0 to 999. */
    static Dataset sin() {
        float[][] x = new float[SIN_POINTS][1];
        float[] y = new float[SIN_POINTS];
        for (int i = 0; i < SIN_POINTS; i++) {
            x[i][0] = i / (float) (SIN_POINTS - 1);
            y[i] = (float) Math.sin(10 * x[i][0]);
        }
        return Dataset.regression(x, y).describedAs("sin(10x) for x in [0,1] (" + SIN_POINTS + " points)");
    }
}
