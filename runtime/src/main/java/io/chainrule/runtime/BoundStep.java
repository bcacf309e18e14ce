package io.chainrule.runtime;

/**
 * A graph bound once to its feeds, run step after step: each {@link #run()} reads the bound tensors as they are then
 * (a training loop refills its input tensors in place) and writes parameter and state updates into them, as
 * {@link Executable#run} does; the compiled backend's steps do so without checking and binding the feeds again, or
 * allocating. Close it to release what the backend holds for it (the compiled backend's helper threads).
 *
 * <p>A bound step is single-threaded: it holds per-step buffers and updates the tensors bound to it, so it runs on
 * one thread at a time. A run (or, on the compiled backend, a bind or close) while another thread is running it
 * throws {@link IllegalStateException} at once, naming the graph and the running thread, and changes nothing; the
 * run in progress is unaffected. Detection costs one atomic compare-and-set a run. Handing a step from one thread to
 * another between runs is allowed (a run's writes are visible to the next run, wherever it runs), and so is reading
 * {@link #output} after a run on the thread that ran it. For concurrent work bind one step per thread, each to its own
 * tensors, or share the {@link Executable}, whose {@link Executable#run} many threads may call at once.
 */
public interface BoundStep extends AutoCloseable {
    /**
     * One step on the bound tensors.
     *
     * @throws IllegalStateException if another thread is running this step
     */
    void run();

    /** The named output of the last run, valid until the next run (the compiled backend reuses the tensor). */
    Tensor output(String name);

    @Override
    void close();
}
