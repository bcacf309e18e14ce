package io.chainrule.autodiff;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges consecutive linear layers with no nonlinearity between them into one product and one bias, by exact algebra:
 * (h W1^T + b1) W2^T + b2 = h (W2 W1)^T + (W2 b1 + b2). A linear layer here is {@code matmul(h, W)} (either layout of
 * W), optionally followed by {@code add} of a bias row, where W and the bias depend on no graph input (parameters,
 * constants, or products of them); two layers chain when the first's result feeds only the second. A chain of k
 * layers becomes one product of h with the weights' product, computed in the graph as k - 1 small matmuls of the
 * weights alone, so the rewritten graph still trains (gradients flow through the weight product) and needs no
 * parameter values; {@code ParameterFolding} (runtime) turns the weight product into one parameter when the values
 * are known, leaving one matmul per chain. The merged nodes are named {@code <first>_to_<last>} after the chain's
 * first and last matmuls, with {@code .weight}, {@code .bias} and {@code .add} as {@code Linear} names its own.
 */
public final class LinearLayerMerging {
    private LinearLayerMerging() {
    }

    /**
     * One linear layer of the graph: {@code matmul(input, weight)}, then {@code add} of {@code bias} (both -1 when
     * absent); its value is {@code result}.
     */
    private record Layer(int matmul, int input, int weight, boolean transposed, int add, int bias) {
        int result() {
            return add >= 0 ? add : matmul;
        }
    }

    public static Graph run(Graph graph) {
        int[] uses = uses(graph);
        int[] reader = readers(graph);
        boolean[] fixed = dependsOnNoInput(graph);
        Map<Integer, Layer> byResult = new HashMap<>();
        List<List<Layer>> chains = new ArrayList<>();
        Map<Integer, List<Layer>> chainOf = new HashMap<>();
        for (Node n : graph.nodes()) {
            Layer layer = layerAt(graph, n, uses, reader, fixed);
            if (layer == null) {
                continue;
            }
            byResult.put(layer.result(), layer);
            Layer before = byResult.get(layer.input());
            List<Layer> chain = before != null && uses[before.result()] == 1 ? chainOf.remove(before.result()) : null;
            if (chain == null) {
                chain = new ArrayList<>();
                chains.add(chain);
            }
            chain.add(layer);
            chainOf.put(layer.result(), chain);
        }
        boolean[] merged = new boolean[graph.size()];
        Map<Integer, List<Layer>> mergedAt = new HashMap<>();
        for (List<Layer> chain : chains) {
            if (chain.size() > 1) {
                chain.forEach(l -> {
                    merged[l.matmul()] = true;
                    if (l.add() >= 0) {
                        merged[l.add()] = true;
                    }
                });
                mergedAt.put(chain.get(chain.size() - 1).result(), chain);
            }
        }
        if (mergedAt.isEmpty()) {
            return graph;
        }
        GraphBuilder b = new GraphBuilder(graph.name());
        Value[] map = new Value[graph.size()];
        for (Node n : graph.nodes()) {
            List<Layer> chain = mergedAt.get(n.id());
            if (chain != null) {
                map[n.id()] = b.withOrigin(describe(graph, chain), () -> merge(graph, chain, map));
            } else if (!merged[n.id()]) {
                Value[] in = n.inputs().stream().map(i -> map[i]).toArray(Value[]::new);
                map[n.id()] = GraphRewriter.copy(n, in, b, GraphRewriter.renumbered(n, map));
            }
        }
        graph.outputs().forEach((name, id) -> b.output(name, map[id]));
        graph.updates().forEach((name, id) -> b.update(name, map[id]));
        return b.build();
    }

    /**
     * The chain as one layer. The weight product is kept as {@code E} with {@code h E^T} the chain's product
     * (Linear's layout, [out, in]), stored transposed or not as {@code eTransposed} says; each next layer's weight
     * multiplies it from the left, and the bias so far goes through the next weight and gains the next bias.
     */
    private static Value merge(Graph graph, List<Layer> chain, Value[] map) {
        Layer first = chain.get(0);
        Value e = map[first.weight()];
        boolean eTransposed = !first.transposed();
        Value bias = first.bias() >= 0 ? map[first.bias()] : null;
        for (Layer l : chain.subList(1, chain.size())) {
            Value w = map[l.weight()];
            e = w.matmul(e, !l.transposed(), eTransposed);
            eTransposed = false;
            Value carried = bias == null ? null : row(bias).matmul(w, false, l.transposed());
            Value own = l.bias() >= 0 ? map[l.bias()] : null;
            bias = carried == null ? own : own == null ? carried : carried.add(own);
        }
        String name = chainName(graph, chain);
        Value y = map[first.input()].matmul(name == null ? e : e.named(name + ".weight"), false, !eTransposed);
        if (bias == null) {
            return name == null ? y : y.named(name);
        }
        // a bias the chain computed gets the chain's name; the last layer's own bias, alone, keeps its own
        int lastBias = chain.get(chain.size() - 1).bias();
        boolean computed = lastBias < 0 || bias.id() != map[lastBias].id();
        Value b = bias.shape().rank() == 2 && computed ? bias.reshape(bias.shape().dim(1)) : bias;
        if (name == null) {
            return y.add(b);
        }
        return y.named(name).add(computed ? b.named(name + ".bias") : b).named(name + ".add");
    }

    /** A bias as a [1, k] row, the shape a matmul takes. */
    private static Value row(Value bias) {
        return bias.shape().rank() == 2 ? bias : bias.reshape(1, bias.shape().dim(0));
    }

    /** The linear layer whose matmul is {@code n}, else null. */
    private static Layer layerAt(Graph graph, Node n, int[] uses, int[] reader, boolean[] fixed) {
        if (n.op() != OpCode.MATMUL || n.attrs(Attrs.MatMul.class).transposeA() || fixed[n.input(0)]
                || !fixed[n.input(1)]) {
            return null;
        }
        boolean transposed = n.attrs(Attrs.MatMul.class).transposeB();
        Node add = uses[n.id()] == 1 && reader[n.id()] >= 0 ? graph.node(reader[n.id()]) : null;
        if (add != null && add.op() == OpCode.ADD && add.input(0) != add.input(1)) {
            int bias = add.input(add.input(0) == n.id() ? 1 : 0);
            if (fixed[bias] && isBiasRow(graph.node(bias).shape(), n)) {
                return new Layer(n.id(), n.input(0), n.input(1), transposed, add.id(), bias);
            }
        }
        return new Layer(n.id(), n.input(0), n.input(1), transposed, -1, -1);
    }

    /** A bias that adds one value per column: [k] or [1, k] for a product of k columns. */
    private static boolean isBiasRow(Shape bias, Node matmul) {
        int k = matmul.shape().dim(1);
        return bias.rank() == 1 && bias.dim(0) == k || bias.rank() == 2 && bias.dim(0) == 1 && bias.dim(1) == k;
    }

    /** How many times each node is read: by other nodes, as an output, or as an update. */
    private static int[] uses(Graph graph) {
        int[] uses = new int[graph.size()];
        graph.nodes().forEach(n -> n.inputs().forEach(i -> uses[i]++));
        graph.outputs().values().forEach(i -> uses[i]++);
        graph.updates().values().forEach(i -> uses[i]++);
        return uses;
    }

    /** A node that reads each node (the last one, when several do), or -1. */
    private static int[] readers(Graph graph) {
        int[] reader = new int[graph.size()];
        Arrays.fill(reader, -1);
        graph.nodes().forEach(n -> n.inputs().forEach(i -> reader[i] = n.id()));
        return reader;
    }

    /** Nodes whose values no graph input changes: parameters, state, constants and what is computed from them. */
    private static boolean[] dependsOnNoInput(Graph graph) {
        boolean[] fixed = new boolean[graph.size()];
        for (Node n : graph.nodes()) {
            fixed[n.id()] = n.op() != OpCode.INPUT && n.inputs().stream().allMatch(i -> fixed[i]);
        }
        return fixed;
    }

    /** {@code fc1_to_fc3} from the chain's first and last matmul names, or null when unnamed or already taken. */
    private static String chainName(Graph graph, List<Layer> chain) {
        String first = graph.node(chain.get(0).matmul()).name();
        String last = graph.node(chain.get(chain.size() - 1).matmul()).name();
        if (first == null || last == null) {
            return null;
        }
        String name = first + "_to_" + last;
        boolean taken = List.of(name, name + ".weight", name + ".bias", name + ".add").stream()
                .anyMatch(s -> graph.find(s).isPresent());
        return taken ? null : name;
    }

    private static String describe(Graph graph, List<Layer> chain) {
        Node first = graph.node(chain.get(0).matmul());
        Node last = graph.node(chain.get(chain.size() - 1).matmul());
        return chain.size() + " linear layers merged, " + first.label() + " to " + last.label();
    }
}
