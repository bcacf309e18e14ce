package io.chainrule.runtime;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One gradient check: an f64 graph applying one op (its node {@code tested}) to random inputs, with the scalar output
 * {@code loss}, its feeds, and the floating inputs whose gradients are checked.
 */
record GradientCase(Node tested, Graph graph, Map<String, Tensor> feeds, List<String> wrt) {
    static final String LOSS = "loss";

    GradientCheck.Result check() {
        // Every element is checked: the tensors are small, and a sampled check could miss a wrong broadcast axis.
        return GradientCheck.check(graph, LOSS, feeds, wrt, Integer.MAX_VALUE, 0);
    }

    /** The op, its attributes and types: {@code matmul MatMul[...] on a:f64[3,2], b:f64[3,4] -> f64[2,4]}. */
    String describe() {
        String operands = tested.inputs().stream()
                .map(id -> graph.node(id).label() + ":" + graph.node(id).type())
                .collect(Collectors.joining(", "));
        String attrs = tested.attrs() instanceof Attrs.None ? "" : " " + tested.attrs();
        return tested.op().text() + attrs + " on " + operands + " -> " + tested.type();
    }
}
