package io.chainrule.codegen;

import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * What {@link CompiledBackend#prepare} returns, meant to be shared between threads: each {@link #run} borrows a
 * {@link CompiledStep} no other run is using, binds it to the call's feeds, and gives it back, so runs on different
 * threads proceed at once, each on buffers of its own. Steps are made when first needed and kept, at most
 * {@code capacity} of them (one per processor: callers beyond that wait for a step, as they would for a core).
 * Only the first step splits its products with helper threads: concurrent callers already keep the cores busy, and so
 * the pool holds at most {@code gemmThreads - 1} helper threads however many threads call it. The steps are not
 * closed: their helper threads end on their own once the executable is unreachable and collected (an idle helper
 * checks once a second whether its step still exists).
 */
final class CompiledExecutable implements Executable {
    private final Compiler.Compiled compiled;
    private final int gemmThreads;
    /** A permit for each step a caller may hold; fair, so that a waiting caller is not overtaken indefinitely. */
    private final Semaphore permits;
    /** Steps no run holds, the one with helper threads first, so that a lone caller's products still split. */
    private final Deque<CompiledStep> idle = new ArrayDeque<>();
    /** The step with helper threads, made first; guarded by {@link #idle}. */
    private CompiledStep withHelpers;

    CompiledExecutable(Compiler.Compiled compiled, int capacity, int gemmThreads) {
        this.compiled = compiled;
        this.gemmThreads = gemmThreads;
        this.permits = new Semaphore(capacity, true);
    }

    /** Runs on a step of its own, with the outputs copied into tensors the caller owns. */
    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        CompiledStep step = take();
        try {
            step.bind(feeds);
            step.run();
            Map<String, Tensor> out = new LinkedHashMap<>();
            step.outputs().forEach((name, t) -> out.put(name, t.copy()));
            return out;
        } finally {
            give(step);
        }
    }

    /** A step of its own, with its own helper threads, bound once (single-threaded, see {@link BoundStep}). */
    @Override
    public BoundStep bind(Map<String, Tensor> feeds) {
        CompiledStep step = new CompiledStep(compiled, gemmThreads);
        step.bind(feeds);
        return step;
    }

    /** An idle step, made if there is none; waits while {@code capacity} steps are in use. */
    CompiledStep take() {
        permits.acquireUninterruptibly();
        try {
            synchronized (idle) {
                CompiledStep step = idle.pollFirst();
                if (step == null) {
                    step = new CompiledStep(compiled, withHelpers == null ? gemmThreads : 1);
                    if (withHelpers == null) {
                        withHelpers = step;
                    }
                }
                return step;
            }
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a step {@link #take} lent. */
    void give(CompiledStep step) {
        synchronized (idle) {
            if (step == withHelpers) {
                idle.addFirst(step);
            } else {
                idle.addLast(step);
            }
        }
        permits.release();
    }
}
