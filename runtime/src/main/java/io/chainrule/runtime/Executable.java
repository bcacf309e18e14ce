package io.chainrule.runtime;

import java.util.Map;

/**
 * A graph made runnable by a {@link Backend}.
 *
 * <p>An executable is meant to be shared: {@link #run} may be called from many threads at once (a model serving
 * predictions from a web server's threads, or Spark tasks in one executor JVM), each run on state of its own. The
 * tensors are the callers': concurrent runs may share tensors they only read (the parameters of a forward graph), but
 * not a tensor the graph updates (each concurrent training run needs parameters and state of its own), and no thread
 * may write a fed tensor while a run reads it. A {@link BoundStep}, by contrast, is single-threaded.
 */
@FunctionalInterface
public interface Executable {
    /**
     * Runs the graph once; safe to call from several threads at once (see above).
     *
     * @param feeds a tensor for every INPUT, PARAMETER and STATE node, by name, of exactly the node's type (see
     *              {@link Feeds}); the tensors of updated parameters and state are overwritten with their new values
     * @return each graph output by name, in the graph's declaration order, as tensors the caller owns
     */
    Map<String, Tensor> run(Map<String, Tensor> feeds);

    /**
     * Binds {@code feeds} for repeated runs on the same tensors, as a step to be run on one thread at a time (see
     * {@link BoundStep}). By default each run is a full {@link #run}; the compiled backend checks and binds them once
     * and then runs without allocating.
     */
    default BoundStep bind(Map<String, Tensor> feeds) {
        return new RebindingStep(this, "unnamed", feeds);
    }
}
