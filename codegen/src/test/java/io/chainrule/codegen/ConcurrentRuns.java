package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a task on several threads released together, and fails with the stacks of the threads still running when
 * they have not all finished within {@link #TIMEOUT_SECONDS}: a hang fails the test instead of hanging the build.
 * The threads are daemons, so that threads left hanging do not keep the JVM alive.
 */
public final class ConcurrentRuns {
    public static final long TIMEOUT_SECONDS = 30;

    private ConcurrentRuns() {
    }

    /** The work of one thread, given its number. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int thread) throws Exception;
    }

    /**
     * What {@code task} returned on each of threads 0 to {@code count - 1}, named {@code worker-0} and so on; the
     * first exception a task threw, as an AssertionError with the others suppressed.
     */
    public static <T> List<T> onThreads(int count, Task<T> task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Object[] results = new Object[count];
        Throwable[] failures = new Throwable[count];
        Thread[] threads = new Thread[count];
        for (int t = 0; t < count; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    results[thread] = task.run(thread);
                } catch (Throwable e) {
                    failures[thread] = e;
                }
            }, "worker-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
        }
        List<Thread> hung = Arrays.stream(threads).filter(Thread::isAlive).toList();
        if (!hung.isEmpty()) {
            fail(hung.size() + " of " + count + " threads still running after " + TIMEOUT_SECONDS + " s: "
                    + hung.stream().limit(2).map(ConcurrentRuns::where).collect(Collectors.joining("; ")));
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                AssertionError error = new AssertionError("a thread failed: " + failure, failure);
                Arrays.stream(failures).filter(f -> f != null && f != failure).forEach(error::addSuppressed);
                throw error;
            }
        }
        @SuppressWarnings("unchecked") // each element is what a task returned; join made them visible here
        List<T> byThread = (List<T>) Arrays.asList(results);
        return byThread;
    }

    private static String where(Thread thread) {
        return thread.getName() + " " + thread.getState() + " at " + Arrays.stream(thread.getStackTrace()).limit(6)
                .map(StackTraceElement::toString).collect(Collectors.joining(" < "));
    }
}
