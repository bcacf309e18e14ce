package io.chainrule.ir.nn;

import io.chainrule.ir.Value;
import java.util.Locale;

/** The activations without parameters, as layers: {@code new Sequential(new Linear("fc", 4, 8), Activation.RELU)}. */
public enum Activation implements Module {
    RELU, SIGMOID, TANH,
    /** x * sigmoid(x), also called swish. */
    SILU,
    /** The exact GELU, x * Phi(x). */
    GELU,
    /** GELU's tanh approximation. */
    GELU_TANH,
    /** 1 where x > 0, else 0: the perceptron's threshold. */
    STEP,
    /** log(1 + exp(x)), x itself beyond 20, as nn.Softplus(). */
    SOFTPLUS;

    @Override
    public Value apply(Value x) {
        return switch (this) {
            case RELU -> x.relu();
            case SIGMOID -> x.sigmoid();
            case TANH -> x.tanh();
            case SILU -> x.silu();
            case GELU -> x.gelu();
            case GELU_TANH -> x.geluTanh();
            case STEP -> x.step();
            case SOFTPLUS -> x.softplus();
        };
    }

    /** The name the command line and the text form use: {@code relu}, {@code gelu_tanh}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
