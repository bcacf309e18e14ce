package io.chainrule.examples;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.LogSoftmax;
import io.chainrule.ir.nn.Module;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.Task;
import java.util.List;
import java.util.Optional;

/**
 * The built-in models, from the lesson on artificial neural networks. Every graph takes input {@code x}, and
 * {@code y} (labels or targets) when it has a loss; its outputs are {@code output} (predictions, or log-probabilities
 * for the MLP) and {@code loss}, except the perceptron's, which learns by its own rule and so has no loss.
 */
public final class Models {
    private static final List<ModelSpec> ALL = List.of(
            ModelSpec.trainable("neuron", "one sigmoid neuron y = sigmoid(w.x + b) on 2 inputs, MSE loss", 4,
                    regression("neuron", 2, new Sequential(new Linear("neuron", 2, 1), Activation.SIGMOID))),
            new ModelSpec("perceptron", "step(w.x + b) on 2 inputs, predictions only (perceptron rule)", 4, null,
                    Models::perceptron),
            ModelSpec.trainable("mnist-linear", "MNIST: Flatten + Linear(784, 10), cross-entropy", 100,
                    mnist("mnist_linear", new Sequential(new Flatten(), new Linear("fc", 784, 10)))),
            // the lesson's MultilayerPerceptron: its loss is nn.CrossEntropyLoss of the log-softmax, as in the lesson
            ModelSpec.trainable("mnist-mlp", "MNIST: MLP 784-120-84-10, ReLU, log_softmax, cross-entropy", 100,
                    mnist("mnist_mlp", new Sequential(new Flatten(),
                            new Linear("fc1", 784, 120), Activation.RELU,
                            new Linear("fc2", 120, 84), Activation.RELU,
                            new Linear("out", 84, 10), new LogSoftmax(1)))),
            ModelSpec.trainable("xor-mlp", "XOR: MLP 2-4-1, tanh then sigmoid, MSE loss", 4,
                    regression("xor_mlp", 2, new Sequential(new Linear("fc1", 2, 4), Activation.TANH,
                            new Linear("fc2", 4, 1), Activation.SIGMOID))),
            ModelSpec.trainable("sin-mlp", "sin(10x) on [0,1]: MLP 1-32-32-1, tanh, MSE loss", 64,
                    regression("sin_mlp", 1, new Sequential(new Linear("fc1", 1, 32), Activation.TANH,
                            new Linear("fc2", 32, 32), Activation.TANH, new Linear("fc3", 32, 1)))));

    private Models() {
    }

    public static List<ModelSpec> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(ModelSpec::name).toList();
    }

    public static Optional<ModelSpec> find(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    static Graph perceptron(int batch, DType dtype) {
        GraphBuilder b = new GraphBuilder("perceptron");
        Value x = b.input("x", dtype, batch, 2);
        // The perceptron rule needs no random start to break symmetry, so it starts from zero as Rosenblatt's did.
        Initializer zeros = new Initializer.Zeros();
        Value prediction = new Linear("perceptron", 2, 1, true, zeros, zeros).apply(x).step();
        return b.output("output", prediction).build();
    }

    /** Images [1,28,28] and class labels; the loss is nn.CrossEntropyLoss of what the network outputs. */
    private static Architecture mnist(String name, Module network) {
        return new Architecture(name, network, Shape.of(1, 28, 28), Task.CLASSIFICATION, false, DType.F32);
    }

    /** Inputs of {@code features} values and one target each; the loss is nn.MSELoss. */
    private static Architecture regression(String name, int features, Module network) {
        return new Architecture(name, network, Shape.of(features), Task.REGRESSION, false, DType.F32);
    }
}
