package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.codegen.kernels.Gemm;
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
import org.junit.jupiter.api.Test;

/** The kernel warm-up: once per JVM, on a daemon thread, off by a property, sharing nothing with real steps. */
class KernelWarmupTest {
    @Test
    void theBackendStartsOneDaemonWarmupPerJvmWhenProductsRunOnTheVectorApi() {
        new CompiledBackend();
        Thread first = CompiledBackend.KERNEL_WARMUP;
        new CompiledBackend();
        assertSame(first, KernelWarmup.thread(), "one warm-up, started with the backend");
        assertEquals(Gemm.usesVectorApi(), first != null, "a warm-up exactly when the Vector API kernels run");
        if (first != null) {
            assertTrue(first.isDaemon(), "a daemon: it never keeps the JVM alive");
            assertEquals(KernelWarmup.THREAD_NAME, first.getName());
        }
    }

    @Test
    void thePropertyTurnsItOffAndThePlainJavaKernelsNeedNone() throws InterruptedException {
        assertNull(KernelWarmup.start("false", true));
        assertNull(KernelWarmup.start(null, false));
        assertNull(KernelWarmup.start("true", false));
        Thread on = KernelWarmup.start("true", Gemm.usesVectorApi());
        assertEquals(Gemm.usesVectorApi(), on != null);
        if (on != null) {
            on.join();
        }
    }

    @Test
    void aValueOtherThanTrueOrFalseIsNamedAndTurnsItOff() {
        assertTrue(KernelWarmup.enabled(null));
        assertTrue(KernelWarmup.enabled("true"));
        assertFalse(KernelWarmup.enabled("false"));
        assertFalse(KernelWarmup.enabled("yes"));
        assertEquals("-Dchainrule.warmup must be true or false, got 'yes'; the kernel warm-up is off",
                KernelWarmup.message("yes"));
    }

    @Test
    void aStepGivesTheSameBitsWhileAWarmupRunsBesideIt() throws InterruptedException {
        GraphBuilder b = new GraphBuilder("warm_mlp");
        Value x = b.input("x", DType.F32, 100, 120);
        Value hidden = new Linear("fc1", 120, 84).apply(x).relu();
        Graph graph = b.output("y", new Linear("fc2", 84, 10).apply(hidden)).build();
        Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(graph, 3));
        feeds.putAll(Parameters.initialize(graph, 3));
        try (CompiledStep step = CompiledBackend.compile(graph)) {
            step.bind(feeds);
            step.run();
            float[] alone = step.output("y").floats().clone();
            Thread warmup = KernelWarmup.start("true", Gemm.usesVectorApi());
            int runs = 0;
            do {
                step.run();
                assertArrayEquals(alone, step.output("y").floats(), "run " + runs);
                runs++;
            } while (warmup != null && warmup.isAlive());
            if (warmup != null) {
                warmup.join();
            }
        }
    }
}
