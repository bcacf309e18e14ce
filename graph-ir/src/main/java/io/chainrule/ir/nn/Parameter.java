package io.chainrule.ir.nn;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;

/**
 * A trainable tensor a network holds, as nn.Parameter: a field {@code final Parameter w = new Parameter("w",
 * new Initializer.Normal(0, 0.1), 2, 4);} used in forward as {@code x.matmul(w.in(x))}.
 */
public record Parameter(String name, Initializer init, Shape shape) {
    public Parameter(String name, Initializer init, int... dims) {
        this(name, init, Shape.of(dims));
    }

    /**
     * This parameter in the graph {@code like} belongs to, with its dtype: declared on first use, the same node on
     * every later one (a different parameter of the same name fails as a duplicate name).
     */
    public Value in(Value like) {
        GraphBuilder b = like.builder();
        for (int id = 0; id < b.size(); id++) {
            Node n = b.node(id);
            if (name.equals(n.name()) && n.op() == OpCode.PARAMETER && n.shape().equals(shape)
                    && n.attrs().equals(new Attrs.Init(init))) {
                return b.value(id);
            }
        }
        return b.parameter(name, init, like.dtype(), shape.dims());
    }
}
