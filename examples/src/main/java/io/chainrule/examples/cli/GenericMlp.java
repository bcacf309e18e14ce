package io.chainrule.examples.cli;

import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.LeakyRelu;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Module;
import io.chainrule.ir.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code mlp} that {@code train} sizes from its data: {@code Linear} layers {@code fc1}, {@code fc2}, ... of the
 * given hidden widths, each followed by the activation, then {@code out} with one output per class (scores, for
 * cross-entropy) or per target value; images are flattened first.
 *
 * @param hidden the hidden layers' widths, first to last (none: a linear model)
 */
record GenericMlp(int inputs, List<Integer> hidden, ActivationName activation, int outputs, boolean flatten) {
    /** The activations {@code --activation} offers, as PyTorch names them. */
    enum ActivationName {
        relu, tanh, sigmoid, leaky_relu, gelu, silu;

        Module module() {
            return switch (this) {
                case relu -> Activation.RELU;
                case tanh -> Activation.TANH;
                case sigmoid -> Activation.SIGMOID;
                case leaky_relu -> new LeakyRelu();
                case gelu -> Activation.GELU;
                case silu -> Activation.SILU;
            };
        }
    }

    GenericMlp {
        hidden = List.copyOf(hidden);
    }

    Sequential network() {
        List<Layer> layers = new ArrayList<>();
        if (flatten) {
            layers.add(new Flatten());
        }
        int in = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new Linear("fc" + (i + 1), in, hidden.get(i)));
            layers.add(activation.module());
            in = hidden.get(i);
        }
        layers.add(new Linear("out", in, outputs));
        return new Sequential(layers);
    }

    /** {@code 4-64-32-3 relu}. */
    String describe() {
        String widths = IntStream.concat(IntStream.of(inputs), IntStream.concat(hidden.stream().mapToInt(h -> h),
                IntStream.of(outputs))).mapToObj(String::valueOf).collect(Collectors.joining("-"));
        return hidden.isEmpty() ? widths + " linear" : widths + " " + activation;
    }
}
