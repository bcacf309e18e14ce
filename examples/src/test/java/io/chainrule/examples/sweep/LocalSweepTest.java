package io.chainrule.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalSweepTest {
    @Test
    void resultsComeBackInTheConfigurationsOrderAndEachIsHandedOverOnceOnTheCallersThread() throws Exception {
        List<Integer> configs = IntStream.range(0, 50).boxed().toList();
        List<Integer> heard = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Integer> results = LocalSweep.run(configs, c -> c * c, 3, r -> {
            heard.add(r);
            threads.add(Thread.currentThread());
        });
        assertEquals(configs.stream().map(c -> c * c).toList(), results);
        assertEquals(results, heard.stream().sorted().toList());
        threads.forEach(t -> assertSame(Thread.currentThread(), t));
    }

    /** Configuration 0 can only finish once the caller has heard configuration 1's result: no waiting for the end. */
    @Test
    void eachResultIsHandedOverAsSoonAsItsTrialEnds() throws Exception {
        CountDownLatch heardOne = new CountDownLatch(1);
        List<String> results = LocalSweep.run(List.of(0, 1), c -> {
            if (c == 0) {
                try {
                    if (!heardOne.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the result of configuration 1 was never handed over");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return "done " + c;
        }, 2, r -> {
            if (r.equals("done 1")) {
                heardOne.countDown();
            }
        });
        assertEquals(List.of("done 0", "done 1"), results);
    }

    @Test
    void aFailingTrialStopsTheSweepNamingItsConfiguration() {
        TrialFailure e = assertThrows(TrialFailure.class, () -> LocalSweep.run(List.of("fine", "bad"), c -> {
            if (c.equals("bad")) {
                throw new IllegalArgumentException("boom");
            }
            return c;
        }, 2, r -> { }));
        assertEquals("trial bad failed: java.lang.IllegalArgumentException: boom", e.getMessage());
        assertEquals("bad", e.config());
    }

    @Test
    void aSweepNeedsAThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalSweep.run(List.of(1), c -> c, 0, r -> { }));
        assertEquals("a sweep needs at least 1 thread, got 0", e.getMessage());
    }

    @Test
    void anEmptySweepHasNoResults() throws Exception {
        assertTrue(LocalSweep.run(List.<Integer>of(), c -> c, 2, r -> { }).isEmpty());
    }
}
