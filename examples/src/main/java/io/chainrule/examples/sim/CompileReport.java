package io.chainrule.examples.sim;

import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.ir.Graph;

/**
 * How long the training step of the current network took to compile, and what it became.
 *
 * @param millis  graph to loaded class, on the compiled backend
 * @param reused  whether the backend's cache had it already (compiled for an earlier choice, and timed then)
 * @param kernels the kernels the step runs
 * @param nodes   the training graph's nodes (forward, backward and Adam's update)
 */
record CompileReport(double millis, boolean reused, int kernels, int nodes) {

    /** Compiles {@code training}, or finds it compiled. */
    static CompileReport of(Graph training) {
        long start = System.nanoTime();
        long nanos = CompiledBackend.compileNanos(training);
        // a graph compiled just now took at least its compile time to get; one from the cache took a lookup
        boolean reused = System.nanoTime() - start < nanos / 2;
        try (CompiledStep step = CompiledBackend.compile(training)) {
            return new CompileReport(nanos / 1e6, reused, step.plan().kernelCount(), training.size());
        }
    }

    /** The kernel plan's text: each kernel with the nodes it holds, the buffers and the peak memory. */
    static String plan(Graph training) {
        try (CompiledStep step = CompiledBackend.compile(training)) {
            return step.plan().toString();
        }
    }

    void write(JsonWriter w) {
        w.beginObject().name("millis").value(millis).name("reused").value(reused).name("kernels").value(kernels)
                .name("nodes").value(nodes).endObject();
    }
}
