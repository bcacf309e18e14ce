package io.chainrule.examples.sim;

import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One training step taken apart, as the backprop page animates it: the weights it starts from, the forward values of
 * the batch's first example layer by layer, that example's error signal delta = dLoss/da at every pre-activation, and
 * the batch's gradient of every weight and bias. Every number comes from one run of {@link NetworkProbe#step}'s graph:
 * the gradients are chainrule's autodiff, not formulas of the page.
 *
 * @param example        the dataset row of the example shown
 * @param input          its two coordinates
 * @param label          its class
 * @param loss           the batch's mean loss before the step
 * @param weights        per Linear layer, weight rows then the bias (see {@link TrainingSession#writeWeights})
 * @param preActivations per layer after the input, the example's a = W h + b (the last: the two class scores)
 * @param activations    per layer from the input, the example's values (the last: the softmax of the scores)
 * @param deltas         per layer after the input, the example's dLoss/da (the loss is the batch's mean, so 1/batch
 *                       of the example's own error)
 * @param weightGrads    per Linear layer, dLoss/dW over the batch, [out][in]
 * @param biasGrads      per Linear layer, dLoss/db over the batch
 * @param batch          the examples in the batch
 */
record SlowStep(int example, float[] input, int label, double loss, List<float[][]> weights,
                List<float[]> preActivations, List<float[]> activations, List<float[]> deltas,
                List<float[][]> weightGrads, List<float[]> biasGrads, int batch) {

    static SlowStep of(NetworkConfig config, int[] rows, PlaneDataset.Points points, List<float[][]> weights,
            Map<String, Tensor> out) {
        int[] sizes = config.layerSizes();
        int depth = config.depth();
        List<float[]> pre = new ArrayList<>();
        List<float[]> act = new ArrayList<>();
        List<float[]> deltas = new ArrayList<>();
        List<float[][]> weightGrads = new ArrayList<>();
        List<float[]> biasGrads = new ArrayList<>();
        act.add(points.xy()[rows[0]].clone());
        for (int l = 1; l < sizes.length; l++) {
            String linear = NetworkConfig.linearName(l, depth);
            boolean hidden = l <= depth;
            float[] a = firstRow(out.get(hidden ? NetworkProbe.preActivation(l) : "output"), sizes[l]);
            pre.add(a);
            act.add(hidden ? firstRow(out.get(NetworkProbe.activation(l)), sizes[l]) : softmax(a));
            deltas.add(firstRow(out.get(NetworkProbe.gradient(NetworkProbe.preActivationNode(linear))), sizes[l]));
            float[] gw = out.get(NetworkProbe.gradient(linear + ".weight")).floats();
            float[][] rowsOfW = new float[sizes[l]][];
            for (int j = 0; j < sizes[l]; j++) {
                rowsOfW[j] = Arrays.copyOfRange(gw, j * sizes[l - 1], (j + 1) * sizes[l - 1]);
            }
            weightGrads.add(rowsOfW);
            biasGrads.add(out.get(NetworkProbe.gradient(linear + ".bias")).floats());
        }
        return new SlowStep(rows[0], points.xy()[rows[0]].clone(), points.labels()[rows[0]],
                out.get("loss").getDouble(0), weights, pre, act, deltas, weightGrads, biasGrads, rows.length);
    }

    /** The page's JSON; the state after the step is added by the caller when it has one. */
    void write(JsonWriter w) {
        w.name("example").value(example).name("input").values(TrainingSession.doubles(input), 5)
                .name("label").value(label).name("batch").value(batch).name("loss").value(loss);
        TrainingSession.writeWeights(w, weights);
        rows(w, "preActivations", preActivations);
        rows(w, "activations", activations);
        rows(w, "deltas", deltas);
        w.name("weightGradients").beginArray();
        for (float[][] g : weightGrads) {
            w.beginArray();
            for (float[] row : g) {
                w.values(TrainingSession.doubles(row), 4);
            }
            w.endArray();
        }
        w.endArray();
        rows(w, "biasGradients", biasGrads);
    }

    private static void rows(JsonWriter w, String name, List<float[]> rows) {
        w.name(name).beginArray();
        for (float[] r : rows) {
            w.values(TrainingSession.doubles(r), 4);
        }
        w.endArray();
    }

    private static float[] firstRow(Tensor t, int width) {
        return Arrays.copyOf(t.floats(), width);
    }

    private static float[] softmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] e = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            e[i] = Math.exp(scores[i] - max);
            sum += e[i];
        }
        float[] p = new float[scores.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
