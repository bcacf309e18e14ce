package io.chainrule.runtime;

import io.chainrule.ir.Graph;

/**
 * A way to run graphs: the {@link Interpreter} defines the semantics, compiled backends must agree with it.
 *
 * <p>Every backend keeps one concurrency contract: an {@link Executable} may be run from many threads at once, a
 * {@link BoundStep} on one thread at a time (concurrent use throws {@link IllegalStateException} at once, never
 * hangs or computes a wrong result). A backend may be shared too: {@link #prepare} may be called from any thread.
 */
public interface Backend {
    /**
     * Does whatever per-graph work the backend needs once, so that each run does only the computing; the result may
     * be shared between threads.
     */
    Executable prepare(Graph graph);
}
