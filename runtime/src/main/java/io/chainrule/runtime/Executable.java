package io.chainrule.runtime;

import java.util.Map;

/** A graph made runnable by a {@link Backend}. */
@FunctionalInterface
public interface Executable {
    /**
     * Runs the graph once.
     *
     * @param feeds a tensor for every INPUT, PARAMETER and STATE node, by name, of exactly the node's type (see
     *              {@link Feeds}); the tensors of updated parameters and state are overwritten with their new values
     * @return each graph output by name, in the graph's declaration order, as tensors the caller owns
     */
    Map<String, Tensor> run(Map<String, Tensor> feeds);

    /**
     * Binds {@code feeds} for repeated runs on the same tensors. By default each run is a full {@link #run}; the
     * compiled backend checks and binds them once and then runs without allocating.
     */
    default BoundStep bind(Map<String, Tensor> feeds) {
        return new RebindingStep(this, feeds);
    }
}
