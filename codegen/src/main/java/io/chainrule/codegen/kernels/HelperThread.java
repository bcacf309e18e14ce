package io.chainrule.codegen.kernels;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that runs blocks of its {@link GemmScratch}'s products and loops beside the thread owning the
 * scratch, claiming them one at a time from the {@link SplitWork}; with 2 cores, another process may hold the one it
 * needs, and the caller then runs the blocks it has not claimed.
 *
 * <p>It spins for a short while before parking, since the products of a training step come microseconds apart, but
 * never longer. An idle helper checks once a second whether its scratch is still reachable, and ends if not.
 */
final class HelperThread implements Runnable {
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Workspace workspace = new Workspace();
    private final SplitWork work;
    private final WeakReference<GemmScratch> owner;
    private final Thread thread;
    private volatile int posted;
    private volatile boolean helperParked;
    private volatile boolean stopped;
    /** Run after each block this thread finishes: for tests, a helper that loses its core between blocks. */
    private volatile Runnable afterBlock;

    HelperThread(GemmScratch owner, SplitWork work) {
        this.owner = new WeakReference<>(owner);
        this.work = work;
        thread = new Thread(this, "chainrule-gemm-helper");
        thread.setDaemon(true);
        thread.start();
    }

    /** Offers the blocks of work {@code number}, already open, to the helper. */
    void start(int number) {
        posted = number;
        if (helperParked) {
            LockSupport.unpark(thread);
        }
    }

    void afterBlock(Runnable hook) {
        afterBlock = hook;
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        int seen = 0;
        while (!stopped) {
            int number = posted;
            if (number == seen) {
                idle(seen);
                continue;
            }
            seen = number;
            work.work(number, true, workspace, afterBlock);
        }
    }

    private void idle(int seen) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (posted == seen && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        if (posted != seen) {
            return;
        }
        helperParked = true;
        if (posted == seen && !stopped) {
            LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
        }
        helperParked = false;
        if (posted == seen && owner.get() == null) {
            stopped = true;
        }
    }
}
