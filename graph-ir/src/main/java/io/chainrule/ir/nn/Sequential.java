package io.chainrule.ir.nn;

import io.chainrule.ir.Value;
import java.util.List;

/**
 * Layers applied in order, as nn.Sequential. Each layer's nodes take as origin where the sequence was applied and the
 * layer's place in it, {@code Models.java:40, layer 2 (linear fc1)}, since a module's own code is not the user's.
 *
 * @param layers the layers, first applied first
 */
public record Sequential(List<Layer> layers) implements Module {
    public Sequential {
        layers = List.copyOf(layers);
    }

    /** The layers in the order they apply. */
    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    @Override
    public Value apply(Value x) {
        String at = x.builder().origin();
        Value v = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Value in = v;
            v = x.builder().withOrigin((at == null ? "" : at + ", ") + "layer " + (i + 1) + " (" + describe(layer)
                    + ")", () -> layer.apply(in));
        }
        return v;
    }

    private static String describe(Layer layer) {
        if (layer instanceof Linear l) {
            return "linear " + l.name();
        }
        if (layer instanceof Activation a) {
            return a.text();
        }
        if (layer instanceof Sequential) {
            return "sequential";
        }
        return layer instanceof Module ? layer.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT) : "function";
    }
}
