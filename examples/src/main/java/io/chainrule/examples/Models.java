package io.chainrule.examples;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.List;
import java.util.Optional;

/**
 * The built-in models, from the lesson on artificial neural networks. Every graph takes input {@code x}, and
 * {@code y} (labels or targets) when it has a loss; its outputs are {@code output} (predictions, or log-probabilities
 * for the MLP) and {@code loss}, except the perceptron's, which learns by its own rule and so has no loss.
 */
public final class Models {
    private static final List<ModelSpec> ALL = List.of(
            new ModelSpec("neuron", "one sigmoid neuron y = sigmoid(w.x + b) on 2 inputs, MSE loss", 4,
                    Models::neuron),
            new ModelSpec("perceptron", "step(w.x + b) on 2 inputs, predictions only (perceptron rule)", 4,
                    Models::perceptron),
            new ModelSpec("mnist-linear", "MNIST: Flatten + Linear(784, 10), cross-entropy", 100,
                    Models::mnistLinear),
            new ModelSpec("mnist-mlp", "MNIST: MLP 784-120-84-10, ReLU, log_softmax, cross-entropy", 100,
                    Models::mnistMlp),
            new ModelSpec("xor-mlp", "XOR: MLP 2-4-1, tanh then sigmoid, MSE loss", 4, Models::xorMlp),
            new ModelSpec("sin-mlp", "sin(10x) on [0,1]: MLP 1-32-32-1, tanh, MSE loss", 64, Models::sinMlp));

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

    static Graph neuron(int batch, DType dtype) {
        return regression("neuron", batch, dtype, 2, x -> new Linear("neuron", 2, 1).apply(x).sigmoid());
    }

    static Graph perceptron(int batch, DType dtype) {
        GraphBuilder b = new GraphBuilder("perceptron");
        Value x = b.input("x", dtype, batch, 2);
        // The perceptron rule needs no random start to break symmetry, so it starts from zero as Rosenblatt's did.
        Initializer zeros = new Initializer.Zeros();
        Value prediction = new Linear("perceptron", 2, 1, true, zeros, zeros).apply(x).step();
        return b.output("output", prediction).build();
    }

    static Graph mnistLinear(int batch, DType dtype) {
        return mnist("mnist_linear", batch, dtype,
                x -> new Sequential(new Flatten(), new Linear("fc", 784, 10)).apply(x));
    }

    /** The lesson's MultilayerPerceptron; its loss is nn.CrossEntropyLoss of the log-softmax, as the lesson does. */
    static Graph mnistMlp(int batch, DType dtype) {
        return mnist("mnist_mlp", batch, dtype, x -> {
            Value h1 = new Linear("fc1", 784, 120).apply(x.flatten()).relu();
            Value h2 = new Linear("fc2", 120, 84).apply(h1).relu();
            return new Linear("out", 84, 10).apply(h2).logSoftmax(1);
        });
    }

    static Graph xorMlp(int batch, DType dtype) {
        return regression("xor_mlp", batch, dtype, 2, x -> {
            Value h = new Linear("fc1", 2, 4).apply(x).tanh();
            return new Linear("fc2", 4, 1).apply(h).sigmoid();
        });
    }

    static Graph sinMlp(int batch, DType dtype) {
        return regression("sin_mlp", batch, dtype, 1, x -> {
            Value h1 = new Linear("fc1", 1, 32).apply(x).tanh();
            Value h2 = new Linear("fc2", 32, 32).apply(h1).tanh();
            return new Linear("fc3", 32, 1).apply(h2);
        });
    }

    /** Images x [B,1,28,28] and labels y i32 [B]; the loss is nn.CrossEntropyLoss of what the model outputs. */
    private static Graph mnist(String name, int batch, DType dtype, Layer model) {
        GraphBuilder b = new GraphBuilder(name);
        Value x = b.input("x", dtype, batch, 1, 28, 28);
        Value y = b.input("y", DType.I32, batch);
        Value output = model.apply(x);
        return b.output("output", output).output("loss", output.crossEntropy(y)).build();
    }

    /** Inputs x [B,features] and targets y [B,1]; the loss is nn.MSELoss. */
    private static Graph regression(String name, int batch, DType dtype, int features, Layer model) {
        GraphBuilder b = new GraphBuilder(name);
        Value x = b.input("x", dtype, batch, features);
        Value y = b.input("y", dtype, batch, 1);
        Value output = model.apply(x);
        return b.output("output", output).output("loss", output.mseLoss(y)).build();
    }
}
