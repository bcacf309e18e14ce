package io.chainrule.ir.nn;

import io.chainrule.ir.Value;
import java.util.List;

/** Layers applied in order, as nn.Sequential. */
public record Sequential(List<Layer> layers) implements Module {
    public Sequential {
        layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    @Override
    public Value apply(Value x) {
        Value v = x;
        for (Layer layer : layers) {
            v = layer.apply(v);
        }
        return v;
    }
}
