package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled training steps allocate nothing once warm, on the calling thread or the products' helper threads. Surefire
 * runs this class three times: with the Vector API module (as the README runs chainrule), again at 256 bits
 * (-XX:UseAVX=2, as on a CPU without AVX-512), and without the module (plain-Java products). The JIT compiles on its
 * own schedule, and code it has not compiled yet allocates (the Vector API's fallback does; a new shape can send a
 * kernel back to be recompiled), so the test looks for one allocation-free round of steps within a time limit, and
 * fails with the smallest figure seen.
 */
class StepAllocationTest {
    private static final int WARM_UP = 300;
    private static final int STEPS_PER_ROUND = 100;
    private static final long LIMIT_NANOS = 20_000_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"mnist-mlp", "sin-mlp", "mnist-linear"})
    void aWarmTrainingStepAllocatesNothing(String model) {
        Graph train = TrainingGraph.build(Models.find(model).orElseThrow().build(), "loss", Adam.defaults());
        try (CompiledStep step = CompiledBackend.compile(train)) {
            Map<String, Tensor> feeds = new HashMap<>(RandomFeeds.inputs(train, 1));
            feeds.putAll(Parameters.initialize(train, 1));
            step.bind(feeds);
            for (int i = 0; i < WARM_UP; i++) {
                step.run();
            }
            long[] ids = stepThreads();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long fewest = Long.MAX_VALUE;
            long[] before = new long[ids.length];
            long[] after = new long[ids.length];
            int rounds = 0;
            for (long start = System.nanoTime(); fewest > 0 && System.nanoTime() - start < LIMIT_NANOS; rounds++) {
                read(threads, ids, before);
                for (int i = 0; i < STEPS_PER_ROUND; i++) {
                    step.run();
                }
                read(threads, ids, after);
                long bytes = 0;
                for (int t = 0; t < ids.length; t++) {
                    // -1: the thread has ended, a helper of an earlier test's closed step that was still stopping
                    if (before[t] >= 0 && after[t] >= 0) {
                        bytes += after[t] - before[t];
                    }
                }
                fewest = Math.min(fewest, bytes / STEPS_PER_ROUND);
            }
            assertEquals(0, fewest, model + ": bytes allocated per step, the fewest in " + rounds + " rounds of "
                    + STEPS_PER_ROUND + " steps (" + (Gemm.usesVectorApi() ? "Vector API" : "plain-Java")
                    + " products, " + ids.length + " threads)");
        }
    }

    /** This thread and the helper threads of the products (their names are the kernels'). */
    private static long[] stepThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().equals("chainrule-gemm-helper"))
                .mapToLong(Thread::getId).toArray();
    }

    /** Allocation counters into a reused array (getThreadAllocatedBytes(long[]) would allocate its result). */
    private static void read(com.sun.management.ThreadMXBean threads, long[] ids, long[] into) {
        for (int t = 0; t < ids.length; t++) {
            into[t] = threads.getThreadAllocatedBytes(ids[t]);
        }
    }
}
