package io.chainrule.codegen.kernels;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that computes parts of products for the thread owning a {@link GemmScratch}, one {@link Block} at a
 * time. Each block handed over has a ticket; whichever thread claims the ticket first runs the block, so a caller done
 * with its own part runs the helper's too if the helper has not started it. With 2 cores, another process may hold the
 * one the helper needs: the product then costs what it costs on one thread instead of a wait for the scheduler.
 *
 * <p>Both sides spin for a short while before parking, since the products of a training step come microseconds apart,
 * but never longer. An idle helper checks once a second whether its scratch is still reachable, and ends if not.
 */
final class HelperThread implements Runnable {
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    final Block block = new Block();
    private final AtomicInteger claimed = new AtomicInteger();
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

    /** Offers {@link #block}, already set, to the helper. */
    void start() {
        posted = posted + 1;
        if (helperParked) {
            LockSupport.unpark(thread);
        }
    }

    /** Runs the block offered last on the calling thread if the helper has not claimed it, else waits for it. */
    void finish() {
        int ticket = posted;
        if (claimed.compareAndSet(ticket - 1, ticket)) {
            block.run();
            finished = ticket;
            return;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (finished != ticket) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                callerParked = Thread.currentThread();
                if (finished != ticket) {
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
        int seen = 0;
        while (!stopped) {
            int ticket = posted;
            if (ticket == seen) {
                idle(seen);
                continue;
            }
            seen = ticket;
            if (claimed.compareAndSet(ticket - 1, ticket)) {
                try {
                    block.run();
                } catch (Throwable t) {
                    failure = t;
                }
                finished = ticket;
                Thread caller = callerParked;
                if (caller != null) {
                    LockSupport.unpark(caller);
                }
            }
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
