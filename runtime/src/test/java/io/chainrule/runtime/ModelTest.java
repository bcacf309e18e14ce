package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A two-layer MLP, nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)), through the interpreter. */
class ModelTest {

    private static Graph mlp() {
        GraphBuilder b = new GraphBuilder("mlp");
        Value x = b.input("x", DType.F32, 2, 3);
        Value labels = b.input("labels", DType.I32, 2);
        Value logits = new Sequential(new Linear("fc1", 3, 4), Value::relu, new Linear("fc2", 4, 2)).apply(x);
        return b.output("logits", logits).output("loss", logits.crossEntropy(labels)).build();
    }

    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3);
    private static final Tensor LABELS = Tensor.of(new int[] {0, 1}, 2);

    @Test
    void handPickedParameters() {
        Map<String, Tensor> feeds = new HashMap<>(Map.of("x", X, "labels", LABELS));
        feeds.put("fc1.weight", Tensor.of(new float[] {0.1f, 0.2f, 0.3f, -0.1f, -0.2f, -0.3f, 0.5f, 0, -0.5f, 1, 1, 1},
                4, 3));
        feeds.put("fc1.bias", Tensor.of(new float[] {0, 0.1f, -0.2f, -5}, 4));
        feeds.put("fc2.weight", Tensor.of(new float[] {1, 2, 3, 4, -1, 0.5f, 0, 2}, 2, 4));
        feeds.put("fc2.bias", Tensor.of(new float[] {0.5f, -0.5f}, 2));
        Map<String, Tensor> out = new Interpreter().prepare(mlp()).run(feeds);
        // hidden = relu(x W1^T + b1) = [[1.4, 0, 0, 1], [0.2, 0, 0, 0]]; logits = hidden W2^T + b2
        assertTensor(out.get("logits"), dims(2, 2), 1e-6, 5.9, 0.1, 0.7, -0.7);
        // mean of -log_softmax: log(1 + e^-5.8) and log(1 + e^1.4)
        assertTensor(out.get("loss"), dims(), 1e-6, 0.8117201954246412);
    }

    @Test
    void initializedParametersAgreeWithAPlainLoop() {
        Map<String, Tensor> params = Parameters.initialize(mlp(), 2024);
        Map<String, Tensor> feeds = new HashMap<>(params);
        feeds.put("x", X);
        feeds.put("labels", LABELS);
        Tensor logits = new Interpreter().prepare(mlp()).run(feeds).get("logits");
        double[] expected = forward(X.floats(), params);
        assertTensor(logits, dims(2, 2), 1e-6, expected);
    }

    /** relu(x W1^T + b1) W2^T + b2, element by element. */
    private static double[] forward(float[] x, Map<String, Tensor> p) {
        double[] hidden = linear(x, 2, 3, p.get("fc1.weight").floats(), p.get("fc1.bias").floats(), 4);
        float[] h = new float[hidden.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) Math.max(0, hidden[i]);
        }
        return linear(h, 2, 4, p.get("fc2.weight").floats(), p.get("fc2.bias").floats(), 2);
    }

    private static double[] linear(float[] x, int rows, int in, float[] w, float[] b, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += (double) x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }
}
