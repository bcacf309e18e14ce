package io.chainrule.codegen;

import io.chainrule.ir.Graph;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Executable;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The compiled backend: runs exactly the graphs the interpreter runs (f32, with i32 labels), each compiled once per
 * graph and shapes (the last {@value #CACHED} kept). Another shape is another graph, compiled as another variant; a
 * debug-level log record (java.util.logging's FINE, not printed by default) says which input changed.
 *
 * <p>Threads: the backend and its cache may be used from any thread (a graph several threads prepare together is
 * compiled once); an {@link Executable} it prepares may be run from many threads at once, each run on a step of its
 * own; a {@link CompiledStep} (what {@link #compile} and {@link Executable#bind} give) is single-threaded and refuses
 * concurrent use with an {@link IllegalStateException}. The kernels keep no mutable static state: each step owns
 * its buffers and the products' working memory and helper threads.
 */
public final class CompiledBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("io.chainrule.codegen");
    /** Compiled graphs kept, the least recently used dropped first. */
    static final int CACHED = 64;
    private static final CompileCache CACHE = new CompileCache(CACHED, CompiledBackend::compileLogged);
    /** Each graph name's inputs when it was last compiled, to log which input a new variant changed. */
    private static final Map<String, List<String>> LAST_INPUTS =
            Collections.synchronizedMap(CompileCache.leastRecentlyUsed(CACHED));

    /** Started as soon as products may run, so that their tiles are compiled by the first step (see the class). */
    static final Thread KERNEL_WARMUP = KernelWarmup.thread();

    /** The backend, as {@link io.chainrule.runtime.Backends#preferred()} finds it; every instance shares one cache. */
    public CompiledBackend() {
    }

    /** A compiled step with its own buffers, for callers that bind once and run many times, on one thread at a time. */
    public static CompiledStep compile(Graph graph) {
        return new CompiledStep(CACHE.get(graph));
    }

    /**
     * Writes the compilation of {@code graph} into {@code dir}: the .class file, its ASM text form, the kernel plan and
     * the graph; returns the files' common path stem.
     */
    public static java.nio.file.Path dump(Graph graph, java.nio.file.Path dir) {
        Compiler.Compiled c = CACHE.get(graph);
        return Dumps.write(dir, c.plan(), c.owner(), c.bytecode());
    }

    /** The generated class file of a graph, for inspection and verification. */
    public static byte[] bytecode(Graph graph) {
        return CACHE.get(graph).bytecode().clone();
    }

    /** Graph to loaded class, in nanoseconds, for the record (cached graphs report their first compile). */
    public static long compileNanos(Graph graph) {
        return CACHE.get(graph).compileNanos();
    }

    /**
     * An executable to share: its {@code run} may be called from many threads at once, each run binding the call's
     * feeds to a step that no other run is using, from a pool of at most one step per processor (callers beyond that
     * wait for a step); {@code bind} gives a step of its own, bound once, for one thread at a time.
     */
    @Override
    public Executable prepare(Graph graph) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new CompiledExecutable(CACHE.get(graph), processors, processors);
    }

    /** How many compiled graphs are kept now. */
    static int cachedGraphs() {
        return CACHE.size();
    }

    private static Compiler.Compiled compileLogged(Graph graph) {
        List<String> inputs = graph.inputs().stream().map(n -> n.name() + " " + n.type()).toList();
        List<String> before = LAST_INPUTS.put(graph.name(), inputs);
        if (before != null && !before.equals(inputs)) {
            LOG.log(System.Logger.Level.DEBUG, "compiling another variant of {0}: inputs {1} (before: {2})",
                    graph.name(), inputs, before);
        }
        return Compiler.compile(graph);
    }
}
