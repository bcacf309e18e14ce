package io.chainrule.pytorchbench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lesson's MLP 784-120-84-10 in PyTorch (libtorch through DJL), as the lesson writes it: linear, relu, linear,
 * relu, linear, log_softmax, then CrossEntropyLoss (nll of log_softmax), Adam at 0.001. Its parameters start as copies
 * of a chainrule model's, so both train from the same weights. One JNI call per op, with no Trainer or Block machinery
 * (the cheapest way through DJL); DJL's Adam runs its update as libtorch ops in one call per parameter, with eps
 * outside the bias correction (torch.optim adds it inside; at eps 1e-8 the difference does not show in the figures).
 */
final class TorchMlp implements AutoCloseable {
    static final List<String> PARAMETERS = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "out.weight",
            "out.bias");
    private static final int FEATURES = 784;

    private final Engine engine = Engine.getEngine("PyTorch");
    private final NDManager manager = engine.newBaseManager();
    private final List<NDArray> parameters = new ArrayList<>();
    private final Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();

    /** Copies of {@code start}'s six tensors, which have torch.nn.Linear's layout ([out, in] weights). */
    TorchMlp(Map<String, Tensor> start) {
        for (String name : PARAMETERS) {
            Tensor t = start.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no parameter " + name + " to start from; expected "
                        + PARAMETERS);
            }
            long[] dims = new long[t.shape().rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = t.shape().dim(i);
            }
            NDArray p = manager.create(t.floats().clone(), new Shape(dims));
            p.setRequiresGradient(true);
            parameters.add(p);
        }
    }

    /**
     * One step (forward, backward, Adam) on {@code images} [rows, 784] and int64 {@code labels} [rows]; the batch's
     * loss. What the step makes is freed with the arrays' manager.
     */
    float step(NDArray images, NDArray labels) {
        float loss;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray l = crossEntropy(forward(images), labels);
            collector.backward(l);
            loss = l.getFloat();
        }
        for (int k = 0; k < parameters.size(); k++) {
            NDArray p = parameters.get(k);
            try (NDArray g = p.getGradient()) {
                adam.update(PARAMETERS.get(k), p, g);
            }
        }
        return loss;
    }

    /** The loss on a batch, without training. */
    float loss(float[] x, int[] y, int rows) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray images = batch.create(x, new Shape(rows, FEATURES));
            return crossEntropy(forward(images), batch.create(longs(y, rows))).getFloat();
        }
    }

    /** Log-probabilities of {@code images}, forced to be computed and then freed; for timing inference. */
    void infer(NDArray images) {
        try (NDManager run = manager.newSubManager()) {
            NDArray view = images.get(new NDIndex(":"));
            view.attach(run);
            forward(view).get(0, 0).getFloat();
        }
    }

    /** The share of {@code rows} images classified as their labels. */
    double accuracy(float[] x, int[] y, int rows) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray predicted = forward(batch.create(x, new Shape(rows, FEATURES))).argMax(1);
            return predicted.eq(batch.create(longs(y, rows))).sum().getLong() / (double) rows;
        }
    }

    /** A manager for arrays that live as long as the caller needs them (closed with this model). */
    NDManager manager() {
        return manager;
    }

    private NDArray forward(NDArray x) {
        NDArray h = x;
        for (int layer = 0; layer < 3; layer++) {
            NDList out = Linear.linear(h, parameters.get(2 * layer), parameters.get(2 * layer + 1));
            h = layer < 2 ? Activation.relu(out.head()) : out.head();
        }
        return h.logSoftmax(1);
    }

    /** torch.nn.CrossEntropyLoss on the lesson's log_softmax output: nll of log_softmax, mean over the batch. */
    private static NDArray crossEntropy(NDArray logProbabilities, NDArray labels) {
        return logProbabilities.logSoftmax(1).gather(labels.expandDims(1), 1).mean().neg();
    }

    private static long[] longs(int[] y, int rows) {
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = y[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
