package io.chainrule.runtime;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a {@link BoundStep} to one thread at a time without a lock: a thread claims the step for a run and releases
 * it after, and a thread finding it claimed is refused at once, since two runs on one step's buffers would corrupt
 * each other's results (or wait forever for a products' helper thread the other run took). A run costs one
 * compare-and-set and one release store, and allocates nothing. The release and the next claim order one run's
 * writes before the next run's reads, so a step may be handed from thread to thread between runs.
 */
public final class ConcurrentUseGuard {
    private final String graphName;
    private final AtomicReference<Thread> runner = new AtomicReference<>();

    /** @param graphName the graph of the step, for the message */
    public ConcurrentUseGuard(String graphName) {
        this.graphName = graphName;
    }

    /**
     * Claims the step for the calling thread until {@link #exit()}.
     *
     * @throws IllegalStateException if another thread holds it
     */
    public void enter() {
        if (!runner.compareAndSet(null, Thread.currentThread())) {
            Thread other = runner.get();
            throw new IllegalStateException("graph " + graphName + ": this bound step is already running on "
                    + (other == null ? "another thread" : "thread \"" + other.getName() + "\"")
                    + "; a bound step is single-threaded: bind one step per thread, or call Executable.run, which many"
                    + " threads may call at once");
        }
    }

    /** Releases the step claimed by {@link #enter()}. */
    public void exit() {
        runner.setRelease(null);
    }
}
