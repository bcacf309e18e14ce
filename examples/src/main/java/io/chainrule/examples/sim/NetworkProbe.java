package io.chainrule.examples.sim;

import io.chainrule.autodiff.Gradients;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.runtime.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's own graphs with what happens inside the network made visible: each hidden layer's pre-activation
 * {@code a<k>} and activation {@code h<k>} as outputs, and for a training step the gradient of the loss with respect
 * to every parameter and every pre-activation (the error signal delta), derived by chainrule's autodiff. The graphs
 * are the model's ({@link Model#forward}), extended: the network is not written twice.
 */
final class NetworkProbe {
    private NetworkProbe() {
    }

    /** The forward graph for {@code rows} examples, without the loss, with every hidden layer's activation. */
    static Graph activations(Model model, int depth, int rows) {
        Graph forward = model.forward(rows, false);
        GraphBuilder b = GraphBuilder.extend(forward);
        for (int k = 1; k <= depth; k++) {
            b.output(activation(k), b.value(activationNode(forward, k, depth)));
        }
        return b.build();
    }

    /**
     * The loss of {@code batch} examples with its gradients: outputs {@code loss}, {@code a<k>} and {@code h<k>} for
     * the hidden layers, {@code output} (the scores, the last pre-activation), and the gradients named by
     * {@link #gradient}: every weight and bias, and every pre-activation including the output's.
     */
    static Graph step(Model model, int depth, int batch) {
        Graph forward = model.forward(batch, true);
        List<String> wrt = new ArrayList<>();
        for (int l = 1; l <= depth + 1; l++) {
            String linear = NetworkConfig.linearName(l, depth);
            wrt.add(linear + ".weight");
            wrt.add(linear + ".bias");
            wrt.add(preActivationNode(linear));
        }
        Graph withGradients = Gradients.of(forward, "loss", new Gradients.Options(wrt, false));
        GraphBuilder b = GraphBuilder.extend(withGradients);
        for (int k = 1; k <= depth; k++) {
            b.output(preActivation(k), b.value(forward.find(preActivationNode(NetworkConfig.linearName(k, depth)))
                    .orElseThrow().id()));
            b.output(activation(k), b.value(activationNode(forward, k, depth)));
        }
        return b.build();
    }

    /** The output holding the gradient of the loss with respect to node {@code name} of {@link #step}'s graph. */
    static String gradient(String name) {
        return Gradients.outputName(name);
    }

    /** The bias add of a Linear layer: its output, the pre-activation a = W h + b. */
    static String preActivationNode(String linear) {
        return linear + ".add";
    }

    static String preActivation(int layer) {
        return "a" + layer;
    }

    static String activation(int layer) {
        return "h" + layer;
    }

    /**
     * Hidden layer k's activation: whatever the activation's ops are, it is the left operand of the next Linear's
     * matrix product, which is named after that layer.
     */
    private static int activationNode(Graph forward, int k, int depth) {
        String next = NetworkConfig.linearName(k + 1, depth);
        Node product = forward.find(next).orElseThrow(() -> new IllegalStateException("no matrix product " + next
                + " in " + forward.name()));
        return product.input(0);
    }
}
