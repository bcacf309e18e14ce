package io.chainrule.ir.text;

import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Module;
import io.chainrule.ir.nn.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network of {@link Module}s as one line of text, the form a saved model keeps its architecture in:
 * {@code sequential(flatten(), linear(name=fc1, in=784, out=120, ...), relu(), ...)}. Records are written by their
 * components as attributes are ({@link AttrText}), activations by name; {@link #parse} reads it back to an equal
 * network.
 */
public final class LayerText {
    private static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();
    private static final Map<String, Activation> ACTIVATIONS = new LinkedHashMap<>();

    static {
        for (Class<?> c : Module.class.getPermittedSubclasses()) {
            if (c.isRecord() && c != Sequential.class) {
                RECORDS.put(AttrText.snake(c.getSimpleName()), c);
            }
        }
        for (Activation a : Activation.values()) {
            ACTIVATIONS.put(a.text(), a);
        }
    }

    private LayerText() {
    }

    /** The text of {@code layer}, or empty when it is not made of modules alone (a lambda somewhere in it). */
    public static Optional<String> print(Layer layer) {
        if (layer instanceof Sequential s) {
            StringBuilder sb = new StringBuilder("sequential(");
            for (Layer inner : s.layers()) {
                Optional<String> text = print(inner);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                sb.append(sb.length() > "sequential(".length() ? ", " : "").append(text.get());
            }
            return Optional.of(sb.append(')').toString());
        }
        if (layer instanceof Activation a) {
            return Optional.of(a.text() + "()");
        }
        if (layer instanceof Module m) {
            return Optional.of(AttrText.value(m));
        }
        return Optional.empty();
    }

    /**
     * The network {@link #print} wrote.
     *
     * @throws GraphParseException naming the column (line 1) of what is malformed or unknown
     */
    public static Module parse(String text) {
        Tokens t = new Tokens(text, 1);
        Module m = module(t);
        t.expect("", "after the network");
        return m;
    }

    private static Module module(Tokens t) {
        Token name = t.expectWord("a layer");
        t.expect("(", "after " + name.describe());
        if (name.isWord("sequential")) {
            List<Layer> layers = new ArrayList<>();
            if (!t.at(")")) {
                do {
                    layers.add(module(t));
                } while (t.accept(","));
            }
            t.expectClosing(")");
            return new Sequential(layers);
        }
        Activation a = ACTIVATIONS.get(name.text());
        if (a != null) {
            t.expect(")", "after " + name.describe());
            return a;
        }
        Class<?> record = RECORDS.get(name.text());
        if (record == null) {
            List<String> known = new ArrayList<>(List.of("sequential"));
            known.addAll(ACTIVATIONS.keySet());
            known.addAll(RECORDS.keySet());
            throw GraphParseException.at(name, "unknown layer " + name.describe() + Closest.hintOrList(name.text(),
                    known));
        }
        return (Module) AttrText.record(record, t, ")", name.text() + " argument");
    }
}
