package io.chainrule.runtime;

import java.util.Map;

/** A graph made runnable by a {@link Backend}. */
@FunctionalInterface
public interface Executable {
    /**
     * Runs the graph once.
     *
     * @param feeds a tensor for every INPUT and PARAMETER node, by name, of exactly the node's type (see {@link Feeds})
     * @return each graph output by name, in the graph's declaration order
     */
    Map<String, Tensor> run(Map<String, Tensor> feeds);
}
