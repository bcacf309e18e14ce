package io.chainrule.examples.sim;

import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.LeakyRelu;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lesson's six activations, by the names the pages and the API use. */
enum ActivationChoice {
    RELU("ReLU"), LEAKY_RELU("leaky ReLU"), SIGMOID("sigmoid"), TANH("tanh"), SWISH("swish"), GELU("GELU");

    /** PyTorch's default slope, which the networks use. */
    static final double DEFAULT_SLOPE = 0.01;

    private final String label;

    ActivationChoice(String label) {
        this.label = label;
    }

    /** {@code relu}, {@code leaky_relu}, ... */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String label() {
        return label;
    }

    /** The activation as a layer; {@code slope} is leaky ReLU's (ignored by the others). */
    Layer layer(double slope) {
        return switch (this) {
            case RELU -> Activation.RELU;
            case LEAKY_RELU -> new LeakyRelu(slope);
            case SIGMOID -> Activation.SIGMOID;
            case TANH -> Activation.TANH;
            case SWISH -> Activation.SILU;
            case GELU -> Activation.GELU;
        };
    }

    /** The activation named {@code id}; an unknown name is an IllegalArgumentException that lists the names. */
    static ActivationChoice parse(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown activation '" + id + "': expected one of " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(ActivationChoice::id).collect(Collectors.joining(", "));
    }
}
