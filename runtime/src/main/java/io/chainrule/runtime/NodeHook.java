package io.chainrule.runtime;

import io.chainrule.ir.Node;

/**
 * Watches an {@link Interpreter} run node by node, as torch.fx's Interpreter.run_node lets a subclass do: to capture
 * activations, check values, or trace. Both methods run on the thread running the graph; the tensors are the run's
 * own (a fed node's value is the caller's tensor), to read, not to change.
 */
public interface NodeHook {
    /** Before a computed node runs, with its input values in the node's input order. */
    default void before(Node node, Tensor[] inputs) {
    }

    /** After every node, fed or computed, in topological order, with its value. */
    default void after(Node node, Tensor value) {
    }
}
