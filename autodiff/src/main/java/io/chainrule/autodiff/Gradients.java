package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Node;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-mode differentiation as a graph-to-graph transform: appends to a graph the backward graph of a scalar loss
 * by the chain rule, one {@link VjpRules} rule per node in reverse topological order, summing the gradients of nodes
 * with several consumers. The result is an ordinary graph (printable, runnable, and differentiable again) with one
 * more output per differentiated node, named {@code <node>.grad} (or {@code <node>.grad.<loss>} when a gradient of
 * another loss already holds that name, as when differentiating a gradient).
 */
public final class Gradients {
    private Gradients() {
    }

    /**
     * What to differentiate with respect to, and whether ops without a gradient may pass zero.
     *
     * @param wrt                the names of the nodes to differentiate with respect to; empty for every parameter
     * @param allowZeroGradients whether a non-differentiable op the user wrote (step, comparisons, argmax) passes a
     *                           zero gradient instead of being an error
     */
    public record Options(List<String> wrt, boolean allowZeroGradients) {
        public Options {
            wrt = List.copyOf(wrt);
        }

        /** Every parameter, no zero gradients allowed. */
        public static Options parameters() {
            return new Options(List.of(), false);
        }
    }

    /** The output name holding the gradient with respect to {@code nodeName}, in a first differentiation. */
    public static String outputName(String nodeName) {
        return nodeName + ".grad";
    }

    /** The output name that differentiating {@code loss} of {@code graph} gives the gradient for {@code nodeName}. */
    public static String outputName(Graph graph, String loss, String nodeName) {
        String first = outputName(nodeName);
        return graph.outputs().containsKey(first) ? first + "." + loss : first;
    }

    /** The gradient of output {@code loss} with respect to every parameter. */
    public static Graph of(Graph graph, String loss) {
        return of(graph, loss, Options.parameters());
    }

    public static Graph of(Graph graph, String loss, Options options) {
        Node lossNode = graph.output(loss);
        if (lossNode.shape().rank() != 0) {
            throw new GraphException("loss " + loss + " (" + lossNode.ref() + " " + lossNode.op().text() + ") must be "
                    + "a scalar to differentiate, got " + lossNode.type() + "; reduce it first (sum or mean)");
        }
        List<Node> wrt = resolve(graph, options.wrt());
        boolean[] varies = dependsOn(graph, wrt);
        GraphBuilder b = GraphBuilder.extend(graph);
        Value[] grads = new Value[graph.size()];
        grads[lossNode.id()] = b.withOrigin(Provenance.gradOf(lossNode.id()), () -> b.constant(1, lossNode.dtype()));
        for (int id = lossNode.id(); id >= 0; id--) {
            if (grads[id] != null && varies[id]) {
                propagate(b, graph.node(id), grads, varies, options.allowZeroGradients());
            }
        }
        for (Node w : wrt) {
            Value g = grads[w.id()] != null ? grads[w.id()]
                    : b.withOrigin(Provenance.gradOf(lossNode.id()), () -> b.constant(w.type(), 0));
            b.output(outputName(graph, loss, w.name()), g);
        }
        return b.build();
    }

    private static void propagate(GraphBuilder b, Node node, Value[] grads, boolean[] varies, boolean allowZero) {
        Value[] x = node.inputs().stream().map(b::value).toArray(Value[]::new);
        Value[] inputGrads = b.withOrigin(Provenance.gradOf(node.id()),
                () -> VjpRules.vjp(node, x, b.value(node.id()), grads[node.id()]));
        if (inputGrads == null) {
            // Masks made by gradient rules (relu's x > 0) are piecewise constant: differentiating a gradient passes
            // zero through them. Only ops the user wrote raise the no-gradient error.
            if (!allowZero && Provenance.of(node) == Provenance.FORWARD) {
                throw new GraphException("cannot differentiate through " + node.op().text() + " " + node.label()
                        + (node.origin() != null ? " at " + node.origin() : "")
                        + ": it has no gradient; allow zero gradients to treat it as 0");
            }
            return;
        }
        for (int i = 0; i < inputGrads.length; i++) {
            int in = node.input(i);
            if (inputGrads[i] == null || !varies[in]) {
                continue;
            }
            Value prior = grads[in];
            Value gi = inputGrads[i];
            grads[in] = prior == null ? gi : b.withOrigin(Provenance.gradOf(in), () -> prior.add(gi));
        }
    }

    private static List<Node> resolve(Graph graph, List<String> names) {
        if (names.isEmpty()) {
            if (graph.parameters().isEmpty()) {
                throw new GraphException("graph " + graph.name() + " has no parameters to differentiate with respect to");
            }
            return graph.parameters();
        }
        List<Node> nodes = new ArrayList<>();
        for (String name : names) {
            Node n = graph.find(name).orElseThrow(() -> new GraphException("gradient with respect to '" + name
                    + "': no such node in graph " + graph.name()));
            if (!n.dtype().isFloating()) {
                throw new GraphException("gradient with respect to '" + name + "': " + n.type()
                        + " is not floating");
            }
            nodes.add(n);
        }
        return nodes;
    }

    /** Which nodes depend on any of {@code wrt} (and so may carry a nonzero gradient). */
    private static boolean[] dependsOn(Graph graph, List<Node> wrt) {
        boolean[] varies = new boolean[graph.size()];
        wrt.forEach(n -> varies[n.id()] = true);
        for (Node n : graph.nodes()) {
            for (int in : n.inputs()) {
                varies[n.id()] |= varies[in] && n.dtype().isFloating();
            }
        }
        return varies;
    }
}
