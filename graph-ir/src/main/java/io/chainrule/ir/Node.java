package io.chainrule.ir;

import java.util.List;

/**
 * One SSA value of a graph: an op applied to earlier nodes, referred to by id. Immutable; ids are positions in the
 * graph's topological order, so {@code inputs} only ever name smaller ids.
 *
 * @param id     the node's position in the graph's topological order
 * @param op     what the node computes
 * @param attrs  the op's attributes ({@link Attrs#NONE} for ops without)
 * @param inputs the ids of the nodes it reads, in the op's operand order
 * @param type   the static type of its value
 * @param name   optional unique name (inputs and parameters always have one); null when unnamed
 * @param provenance where the node came from ({@link Origin}): the user's source, the forward node of a backward
 *                   node, an optimizer's update; null when unknown
 */
public record Node(int id, OpCode op, Attrs attrs, List<Integer> inputs, TensorType type, String name,
        Origin provenance) {
    public Node {
        inputs = List.copyOf(inputs);
    }

    public Shape shape() {
        return type.shape();
    }

    public DType dtype() {
        return type.dtype();
    }

    public int input(int i) {
        return inputs.get(i);
    }

    /** {@code %7}: how the text IR refers to this node. */
    public String ref() {
        return "%" + id;
    }

    /** The name if there is one, else the ref: what messages call this node. */
    public String label() {
        return name != null ? name : ref();
    }

    /** The provenance as messages, the text form and plans print it, such as {@code Models.java:42}; null if none. */
    public String origin() {
        return provenance == null ? null : provenance.toString();
    }

    public <A extends Attrs> A attrs(Class<A> type) {
        return type.cast(attrs);
    }

    Node withName(String newName) {
        return new Node(id, op, attrs, inputs, type, newName, provenance);
    }
}
