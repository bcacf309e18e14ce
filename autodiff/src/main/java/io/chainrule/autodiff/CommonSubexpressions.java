package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Origin;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges nodes that apply the same op with the same attributes to the same inputs (and equal constants), so a value
 * the forward pass computed is reused by the backward pass instead of recomputed. Named nodes are never merged away.
 * One of the {@link Simplifier}'s rules; it remembers the nodes of one rebuild.
 */
final class CommonSubexpressions {

    private record Key(OpCode op, Attrs attrs, List<Integer> inputs, TensorType type) {
    }

    private final Map<Key, Value> seen = new HashMap<>();

    /**
     * {@code n} with inputs {@code in}: an equal node already built, or {@code n} built anew with {@code origin} and
     * remembered.
     */
    Value merge(Node n, Value[] in, GraphBuilder b, Origin origin) {
        if (n.op() == OpCode.INPUT || n.op() == OpCode.PARAMETER || n.op() == OpCode.STATE) {
            return GraphRewriter.copy(n, in, b, origin);
        }
        Key key = new Key(n.op(), n.attrs(), java.util.Arrays.stream(in).map(Value::id).toList(), n.type());
        Value prior = seen.get(key);
        if (prior != null && n.name() == null) {
            return prior;
        }
        Value v = GraphRewriter.copy(n, in, b, origin);
        seen.putIfAbsent(key, v);
        return v;
    }

    /** A uniform constant of {@code type} holding {@code value}, merged with an equal one. */
    Value constant(TensorType type, double value, GraphBuilder b) {
        Key key = new Key(OpCode.CONSTANT, new Attrs.Constant(new double[] {value}), List.of(), type);
        return seen.computeIfAbsent(key, k -> b.constant(type, value));
    }
}
