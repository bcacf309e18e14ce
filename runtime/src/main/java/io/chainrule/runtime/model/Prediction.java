package io.chainrule.runtime.model;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.kernels.ArgMax;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link Model#predict} call: the examples in batches of {@link Model#PREDICT_BATCH} (and one smaller), each
 * batch run on the forward graph for its size, compiled once per size and shared by every thread that predicts.
 */
final class Prediction {
    private final Model model;
    private final Tensor x;

    Prediction(Model model, Tensor x) {
        this.model = model;
        this.x = x;
    }

    Predictions run() {
        int n = x.shape().dim(0);
        int features = model.inputShape().size();
        int width = model.outputWidth();
        boolean classifier = model.task() == Task.CLASSIFICATION;
        float[] outputs = new float[n * width];
        float[] probabilities = classifier ? new float[n * width] : null;
        for (int from = 0; from < n; from += Model.PREDICT_BATCH) {
            int rows = Math.min(Model.PREDICT_BATCH, n - from);
            float[] chunk = new float[rows * features];
            System.arraycopy(x.floats(), from * features, chunk, 0, chunk.length);
            Map<String, Tensor> feeds = new HashMap<>(model.parameters());
            feeds.put(Architecture.X, Tensor.of(chunk, model.batchOf(rows)));
            Map<String, Tensor> out = model.predictor(rows).run(feeds);
            System.arraycopy(out.get(Architecture.OUTPUT).floats(), 0, outputs, from * width, rows * width);
            if (classifier) {
                System.arraycopy(out.get(Architecture.PROBABILITIES).floats(), 0, probabilities, from * width,
                        rows * width);
            }
        }
        int[] classes = null;
        if (classifier) {
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = ArgMax.of(outputs, i * width, width, 1);
            }
        }
        return new Predictions(Tensor.of(outputs, n, width), classifier ? Tensor.of(probabilities, n, width) : null,
                classes);
    }
}
