package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A bound step of an executable without a bound form of its own is single-threaded like the compiled ones. */
class RebindingStepTest {
    private static final long TIMEOUT_SECONDS = 30;

    @Test
    void aSecondThreadIsRefusedWhileARunIsInProgressAndMayRunAfterIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Executable slow = feeds -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                assertTrue(finish.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the test never let the run finish");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("y", Tensor.of(new float[] {runs.get()}, 1));
        };
        ExecutorService first = Executors.newSingleThreadExecutor(r -> new Thread(r, "first-runner"));
        try (BoundStep step = slow.bind(Map.of())) {
            Future<?> inProgress = first.submit(step::run);
            assertTrue(running.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            IllegalStateException refused = assertThrows(IllegalStateException.class, step::run);
            assertEquals("graph unnamed: this bound step is already running on thread \"first-runner\"; a bound step"
                    + " is single-threaded: bind one step per thread, or call Executable.run, which many threads may"
                    + " call at once", refused.getMessage());
            assertEquals(1, runs.get(), "the refused run did nothing");
            finish.countDown();
            inProgress.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            step.run();
            assertEquals(2.0, step.output("y").getDouble(0), "a step handed over to another thread runs there");
        } finally {
            first.shutdownNow();
        }
    }
}
