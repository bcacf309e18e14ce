package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CompileCacheTest {

    private static Graph graph(int size) {
        GraphBuilder g = new GraphBuilder("g");
        return g.output("y", g.input("x", DType.F32, size).exp()).build();
    }

    @Test
    void compilesEachGraphOnceAndDropsTheLeastRecentlyUsed() {
        List<Graph> compiled = new ArrayList<>();
        CompileCache cache = new CompileCache(2, g -> {
            compiled.add(g);
            return null;
        });
        cache.get(graph(1));
        cache.get(graph(2));
        cache.get(graph(1));
        cache.get(graph(3));
        assertEquals(2, cache.size());
        cache.get(graph(1));
        assertEquals(List.of(graph(1), graph(2), graph(3)), compiled, "graph 1 was used after 2, so 2 was dropped");
        cache.get(graph(2));
        assertEquals(graph(2), compiled.get(3));
    }

    @Test
    void aFailedCompilationIsNotKept() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("no");
        CompileCache cache = new CompileCache(4, g -> {
            calls.incrementAndGet();
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> cache.get(graph(1))));
        assertThrows(IllegalStateException.class, () -> cache.get(graph(1)));
        assertEquals(2, calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    @Timeout(20)
    void threadsAskingTogetherShareOneCompilationWhileOtherGraphsAreServed() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        CompileCache cache = new CompileCache(4, g -> {
            calls.incrementAndGet();
            if (g.equals(graph(5))) {
                started.countDown();
                try {
                    asked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        });
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> cache.get(graph(5)));
            thread.start();
            threads.add(thread);
        }
        started.await();
        cache.get(graph(6));
        asked.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(2, calls.get(), "one compilation of graph 5 for 8 threads, and graph 6's, while 5's ran");
    }
}
