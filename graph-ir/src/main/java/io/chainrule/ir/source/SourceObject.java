package io.chainrule.ir.source;

import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Layer;
import java.util.HashMap;
import java.util.Map;

/**
 * An object of a class declared in the model source, made by reading its constructor: its fields hold constants,
 * layers and parameters. It is a {@link Layer}: applying it reads its forward into the graph of the value given.
 */
final class SourceObject implements Layer {
    private final UserClass type;
    private final Program program;
    private final Map<String, Object> fields = new HashMap<>();

    SourceObject(UserClass type, Program program) {
        this.type = type;
        this.program = program;
    }

    UserClass type() {
        return type;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** @throws ModelSourceException listing every error found in forward */
    @Override
    public Value apply(Value x) {
        return program.forward(this, x);
    }

    @Override
    public String toString() {
        return type.name() + " (read from " + program.file() + ")";
    }
}
