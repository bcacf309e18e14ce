package io.chainrule.ir.nn;

/**
 * A layer that is plain data, as nn.Module's built-in layers are: it can be printed, saved with a model and read back
 * ({@link io.chainrule.ir.text.LayerText}), so a saved model rebuilds its network without the code that made it. A
 * lambda is a {@link Layer} too, but not a module: a model made of one saves its weights, and is loaded into the
 * same network built again in code.
 */
public sealed interface Module extends Layer permits Linear, Flatten, Sequential, Activation, LeakyRelu, Softmax,
        LogSoftmax {
}
