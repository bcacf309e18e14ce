package io.chainrule.codegen.kernels;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that computes parts of products for the thread owning a {@link GemmScratch}, one {@link Block} at a time. The handover is a pair of volatile counters. Each side spins for a short while before parking, since the
 * products of a training step come microseconds apart, but never longer: with 2 cores, another process may hold the one
 * the other side needs. An idle helper checks once a second whether its scratch is still reachable, and ends if not.
 */
final class HelperThread implements Runnable {
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    final Block block = new Block();
    private final WeakReference<GemmScratch> owner;
    private final Thread thread;
    private volatile int posted;
    private volatile int finished;
    private volatile boolean helperParked;
    private volatile Thread callerParked;
    private volatile boolean stopped;
    private Throwable failure;

    HelperThread(GemmScratch owner) {
        this.owner = new WeakReference<>(owner);
        thread = new Thread(this, "chainrule-gemm-helper");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands {@link #block}, already set, to the helper. */
    void start() {
        posted = posted + 1;
        if (helperParked) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits until the block handed over last is done; rethrows what it threw. */
    void await() {
        int target = posted;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (finished != target) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                callerParked = Thread.currentThread();
                if (finished != target) {
                    LockSupport.park(this);
                }
                callerParked = null;
            }
        }
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            throw new IllegalStateException("gemm helper thread failed", thrown);
        }
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        int done = 0;
        while (!stopped) {
            if (posted == done) {
                idle(done);
                continue;
            }
            done = posted;
            try {
                block.run();
            } catch (Throwable t) {
                failure = t;
            }
            finished = done;
            Thread caller = callerParked;
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void idle(int done) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (posted == done && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        if (posted != done) {
            return;
        }
        helperParked = true;
        if (posted == done && !stopped) {
            LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
        }
        helperParked = false;
        if (posted == done && owner.get() == null) {
            stopped = true;
        }
    }
}
