package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pool of steps behind a shared compiled executable: runs proceed at once, bounded, with few helper threads. */
class CompiledExecutableTest {
    private static final Graph FORWARD = forward();
    private static final Map<String, Tensor> FEEDS = feeds();

    @Test
    void aRunProceedsWhileAnotherRunHoldsAStep() throws Exception {
        CompiledExecutable shared = new CompiledExecutable(Compiler.compile(FORWARD), 2, 2);
        float[] alone = shared.run(FEEDS).get("y").floats();
        CompiledStep held = shared.take();
        try {
            Map<String, Tensor> out = CompletableFuture.supplyAsync(() -> shared.run(FEEDS))
                    .get(ConcurrentRuns.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(alone, out.get("y").floats());
        } finally {
            shared.give(held);
        }
    }

    @Test
    void aCallerBeyondTheCapacityWaitsForAStepToComeBack() throws Exception {
        CompiledExecutable shared = new CompiledExecutable(Compiler.compile(FORWARD), 2, 2);
        float[] alone = shared.run(FEEDS).get("y").floats();
        CompiledStep first = shared.take();
        CompiledStep second = shared.take();
        assertNotSame(first, second);
        CompletableFuture<Map<String, Tensor>> third = CompletableFuture.supplyAsync(() -> shared.run(FEEDS));
        assertThrows(TimeoutException.class, () -> third.get(200, TimeUnit.MILLISECONDS), "no third step is made");
        shared.give(second);
        assertArrayEquals(alone, third.get(ConcurrentRuns.TIMEOUT_SECONDS, TimeUnit.SECONDS).get("y").floats());
        shared.give(first);
    }

    @Test
    void onlyTheFirstStepSplitsProductsAndALoneCallerGetsIt() {
        CompiledExecutable shared = new CompiledExecutable(Compiler.compile(FORWARD), 3, 2);
        CompiledStep first = shared.take();
        CompiledStep second = shared.take();
        CompiledStep third = shared.take();
        assertEquals(2, first.gemmThreads());
        assertEquals(1, second.gemmThreads());
        assertEquals(1, third.gemmThreads());
        shared.give(second);
        shared.give(first);
        shared.give(third);
        CompiledStep next = shared.take();
        assertSame(first, next);
        shared.give(next);
    }

    @Test
    void theHelperThreadsOfAnUnreachableExecutableEnd() throws InterruptedException {
        Set<Thread> before = helpers();
        CompiledExecutable shared = new CompiledExecutable(Compiler.compile(FORWARD), 2, 2);
        shared.run(FEEDS);
        Set<Thread> started = helpers();
        started.removeAll(before);
        assertEquals(1, started.size(), "the first step's product split over a helper thread");
        shared = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ConcurrentRuns.TIMEOUT_SECONDS);
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertFalse(started.stream().anyMatch(Thread::isAlive), "the helper thread outlived its executable");
    }

    private static Set<Thread> helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("chainrule-gemm-helper")).collect(Collectors.toSet());
    }

    /** One layer whose product is big enough to split over two threads. */
    private static Graph forward() {
        GraphBuilder b = new GraphBuilder("pooled_layer");
        Value x = b.input("x", DType.F32, 64, 256);
        return b.output("y", new Linear("fc", 256, 64).apply(x).relu()).build();
    }

    private static Map<String, Tensor> feeds() {
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(FORWARD, 5));
        feeds.putAll(Parameters.initialize(FORWARD, 5));
        return feeds;
    }
}
