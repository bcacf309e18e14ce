package io.chainrule.runtime;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Origin;
import io.chainrule.ir.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes, once, what a forward graph computes from its parameters and constants alone, and makes each such value
 * read by the rest of the graph a parameter of its own: the frozen-graph constant folding of inference compilers.
 * After {@link io.chainrule.autodiff.LinearLayerMerging}, the product of a chain's weights becomes one parameter, so
 * the chain runs as one matmul. Values are computed by the interpreter in the graph's own dtype; parameters that only
 * the folded values read are dropped. A graph that updates its parameters (a training step) is refused: folding
 * would freeze what it trains.
 */
public final class ParameterFolding {
    private ParameterFolding() {
    }

    /**
     * The folded graph and its parameters: the given tensors of the parameters it still reads, and new tensors for the
     * folded ones, named after the folded node ({@code folded.<id>} when it has no name). Their initializers are
     * zeros: the values come from here, not from a seed.
     */
    public record Folded(Graph graph, Map<String, Tensor> parameters) {
    }

    public static Folded fold(Graph graph, Map<String, Tensor> parameters) {
        if (!graph.updates().isEmpty()) {
            throw new IllegalArgumentException("graph " + graph.name() + " is a training step (" + graph.updates()
                    .size() + " updates): fold a forward graph, whose parameters stay fixed");
        }
        // fixed: computed from parameters and constants alone; learned: from at least one parameter
        boolean[] fixed = new boolean[graph.size()];
        boolean[] learned = new boolean[graph.size()];
        for (Node n : graph.nodes()) {
            boolean source = n.op().kind() == OpCode.Kind.SOURCE;
            fixed[n.id()] = source ? n.op() == OpCode.PARAMETER || n.op() == OpCode.CONSTANT
                    : n.inputs().stream().allMatch(i -> fixed[i]);
            learned[n.id()] = n.op() == OpCode.PARAMETER || n.inputs().stream().anyMatch(i -> learned[i]);
        }
        // folded: a computed fixed value the rest of the graph reads (arithmetic on constants alone is left to
        // ConstantFolding)
        boolean[] folded = new boolean[graph.size()];
        for (Node n : graph.nodes()) {
            for (int i : !fixed[n.id()] ? n.inputs() : List.<Integer>of()) {
                folded[i] |= fixed[i] && learned[i] && graph.node(i).op().kind() != OpCode.Kind.SOURCE;
            }
        }
        graph.outputs().values().forEach(id -> folded[id] |= fixed[id] && learned[id]
                && graph.node(id).op().kind() != OpCode.Kind.SOURCE);
        boolean[] live = new boolean[graph.size()];
        graph.outputs().values().forEach(id -> live[id] = true);
        for (int id = graph.size() - 1; id >= 0; id--) {
            Node n = graph.node(id);
            live[id] |= n.op() == OpCode.INPUT || n.op() == OpCode.STATE;
            if (live[id] && !folded[id]) {
                n.inputs().forEach(i -> live[i] = true);
            }
        }
        Tensor[] values = fixedValues(graph, parameters, fixed, folded);
        GraphBuilder b = new GraphBuilder(graph.name());
        Map<String, Tensor> kept = new LinkedHashMap<>();
        Value[] map = new Value[graph.size()];
        for (Node n : graph.nodes()) {
            if (!live[n.id()]) {
                continue;
            }
            Origin origin = n.provenance() == null ? null
                    : n.provenance().renumbered(i -> map[i] == null ? -1 : map[i].id());
            if (folded[n.id()]) {
                String name = n.name() != null ? n.name() : "folded." + n.id();
                map[n.id()] = b.copySource(OpCode.PARAMETER, new Attrs.Init(new Initializer.Zeros()),
                        n.type(), name, origin);
                kept.put(name, values[n.id()]);
            } else if (n.op().kind() == OpCode.Kind.SOURCE) {
                map[n.id()] = b.copySource(n.op(), n.attrs(), n.type(), n.name(), origin);
                if (n.op() == OpCode.PARAMETER) {
                    kept.put(n.name(), parameter(graph, n, parameters));
                }
            } else {
                Value[] in = n.inputs().stream().map(i -> map[i]).toArray(Value[]::new);
                map[n.id()] = b.copyApply(n.op(), n.attrs(), n.name(), origin, in);
            }
        }
        graph.outputs().forEach((name, id) -> b.output(name, map[id]));
        return new Folded(b.build(), kept);
    }

    /** The values of the fixed nodes the folded ones need, by the interpreter's semantics. */
    private static Tensor[] fixedValues(Graph graph, Map<String, Tensor> parameters, boolean[] fixed,
                                        boolean[] folded) {
        boolean[] needed = new boolean[graph.size()];
        for (int id = graph.size() - 1; id >= 0; id--) {
            needed[id] |= folded[id];
            if (needed[id]) {
                graph.node(id).inputs().forEach(i -> needed[i] = true);
            }
        }
        Tensor[] values = new Tensor[graph.size()];
        for (Node n : graph.nodes()) {
            if (!needed[n.id()] || !fixed[n.id()]) {
                continue;
            }
            if (n.op() == OpCode.PARAMETER) {
                values[n.id()] = parameter(graph, n, parameters);
            } else {
                Tensor[] in = n.inputs().stream().map(i -> values[i]).toArray(Tensor[]::new);
                try {
                    values[n.id()] = OpEval.eval(n, in);
                } catch (RuntimeException e) {
                    throw new InterpreterException(n, e);
                }
            }
        }
        return values;
    }

    private static Tensor parameter(Graph graph, Node n, Map<String, Tensor> parameters) {
        Tensor t = parameters.get(n.name());
        if (t == null || !t.type().equals(n.type())) {
            throw new IllegalArgumentException("graph " + graph.name() + ": folding needs parameter " + n.name()
                    + " as " + n.type() + ", got " + (t == null ? "none" : t.type()));
        }
        return t;
    }
}
