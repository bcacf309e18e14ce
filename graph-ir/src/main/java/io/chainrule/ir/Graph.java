package io.chainrule.ir;

import io.chainrule.ir.text.TextPrinter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable computation graph: nodes in topological order (a node's id is its position), named outputs, and
 * updates of parameters and state. Inputs, parameters and state are the INPUT, PARAMETER and STATE nodes. Graphs are made only by {@link GraphBuilder}, so every
 * graph has been shape-checked node by node.
 */
public final class Graph {
    private final String name;
    private final List<Node> nodes;
    private final Map<String, Integer> outputs;
    private final Map<String, Integer> updates;

    Graph(String name, List<Node> nodes, Map<String, Integer> outputs, Map<String, Integer> updates) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
    }

    public String name() {
        return name;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    /** Output names to node ids, in declaration order. */
    public Map<String, Integer> outputs() {
        return outputs;
    }

    /**
     * Parameter and state names to the nodes holding their new values. A backend computes every node from the old
     * values first, then stores each update into its tensor: one training step is one run of one graph.
     */
    public Map<String, Integer> updates() {
        return updates;
    }

    public Node output(String outputName) {
        Integer id = outputs.get(outputName);
        if (id == null) {
            throw new GraphException("graph " + name + " has no output '" + outputName + "' (outputs: "
                    + outputs.keySet() + ")");
        }
        return nodes.get(id);
    }

    public List<Node> inputs() {
        return ofOp(OpCode.INPUT);
    }

    public List<Node> parameters() {
        return ofOp(OpCode.PARAMETER);
    }

    public List<Node> states() {
        return ofOp(OpCode.STATE);
    }

    public Optional<Node> find(String nodeName) {
        return nodes.stream().filter(n -> nodeName.equals(n.name())).findFirst();
    }

    private List<Node> ofOp(OpCode op) {
        return nodes.stream().filter(n -> n.op() == op).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && name.equals(g.name) && nodes.equals(g.nodes) && outputs.equals(g.outputs)
                && updates.equals(g.updates);
    }

    @Override
    public int hashCode() {
        return (nodes.hashCode() * 31 + outputs.hashCode()) * 31 + updates.hashCode();
    }

    /** The text IR (see {@link TextPrinter}). */
    @Override
    public String toString() {
        return TextPrinter.print(this);
    }
}
