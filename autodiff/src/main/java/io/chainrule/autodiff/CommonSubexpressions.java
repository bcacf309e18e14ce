package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges nodes that apply the same op with the same attributes to the same inputs (and equal constants), so a value
 * the forward pass computed is reused by the backward pass instead of recomputed. Named nodes are never merged away.
 */
final class CommonSubexpressions {
    private CommonSubexpressions() {
    }

    private record Key(OpCode op, Attrs attrs, List<Integer> inputs, TensorType type) {
    }

    static Graph run(Graph graph) {
        Map<Key, Value> seen = new HashMap<>();
        return GraphRewriter.rewrite(graph, (n, in, b) -> {
            if (n.op() == OpCode.INPUT || n.op() == OpCode.PARAMETER || n.op() == OpCode.STATE) {
                return null;
            }
            Key key = new Key(n.op(), n.attrs(), java.util.Arrays.stream(in).map(Value::id).toList(), n.type());
            Value prior = seen.get(key);
            if (prior != null && n.name() == null) {
                return prior;
            }
            Value v = GraphRewriter.copy(n, in, b);
            seen.putIfAbsent(key, v);
            return v;
        });
    }
}
