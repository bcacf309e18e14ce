package io.chainrule.runtime;

/**
 * A graph bound once to its feeds, run step after step: each {@link #run()} reads the bound tensors as they are then
 * (a training loop refills its input tensors in place) and writes parameter and state updates into them, as
 * {@link Executable#run} does; the compiled backend's steps do so without checking and binding the feeds again, or
 * allocating. Close it to release what the backend holds for it (the compiled backend's helper threads).
 */
public interface BoundStep extends AutoCloseable {
    /** One step on the bound tensors. */
    void run();

    /** The named output of the last run, valid until the next run (the compiled backend reuses the tensor). */
    Tensor output(String name);

    @Override
    void close();
}
