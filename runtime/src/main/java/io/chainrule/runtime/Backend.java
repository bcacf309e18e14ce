package io.chainrule.runtime;

import io.chainrule.ir.Graph;

/** A way to run graphs: the {@link Interpreter} defines the semantics, compiled backends must agree with it. */
public interface Backend {
    /** Does whatever per-graph work the backend needs once, so that each run does only the computing. */
    Executable prepare(Graph graph);
}
