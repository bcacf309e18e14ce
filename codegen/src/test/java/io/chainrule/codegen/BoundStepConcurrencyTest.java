package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of a bound step on every backend: one thread at a time, concurrent use refused at once. Eight threads
 * run one bound training step together, each retrying after a refusal until it has completed its share of runs;
 * each run either completes or throws the documented IllegalStateException, no thread hangs, and the runs that
 * completed, handed from thread to thread, did exactly what as many runs on one thread do (the same parameters and
 * optimizer state, bit for bit, and every loss read one of theirs).
 */
class BoundStepConcurrencyTest {
    private static final int THREADS = 8;

    /** Binds a graph's step to feeds on one backend. */
    @FunctionalInterface
    interface Binder {
        BoundStep bind(Graph graph, Map<String, Tensor> feeds);
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("compiled, products split with a helper thread", compiled(2), 15),
                Arguments.of("compiled, products on the calling thread (chainrule.gemm.threads=1)", compiled(1), 15),
                Arguments.of("interpreted", (Binder) (g, feeds) -> new Interpreter().prepare(g).bind(feeds), 3));
    }

    private static Binder compiled(int gemmThreads) {
        return (g, feeds) -> {
            CompiledStep step = new CompiledStep(Compiler.compile(g), gemmThreads);
            step.bind(feeds);
            return step;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void eachRunCompletesAloneOrIsRefusedAtOnce(String backend, Binder binder, int runsPerThread)
            throws InterruptedException {
        Graph train = trainingGraph();
        Map<String, Tensor> start = new HashMap<>(RandomFeeds.inputs(train, 3));
        start.putAll(Parameters.initialize(train, 3));
        Map<String, Tensor> shared = copies(start);
        List<List<Float>> lossesRead;
        try (BoundStep step = binder.bind(train, shared)) {
            lossesRead = ConcurrentRuns.onThreads(THREADS, thread -> {
                List<Float> losses = new ArrayList<>();
                while (losses.size() < runsPerThread) {
                    try {
                        step.run();
                        losses.add(step.output("loss").floats()[0]);
                    } catch (IllegalStateException e) {
                        assertRefusal(train.name(), e.getMessage());
                        Thread.yield();
                    }
                }
                return losses;
            });
        }
        int completed = THREADS * runsPerThread;
        Map<String, Tensor> alone = copies(start);
        Set<Float> lossesAlone = new HashSet<>();
        try (BoundStep step = binder.bind(train, alone)) {
            for (int i = 0; i < completed; i++) {
                step.run();
                lossesAlone.add(step.output("loss").floats()[0]);
            }
        }
        for (String name : train.updates().keySet()) {
            assertArrayEquals(alone.get(name).floats(), shared.get(name).floats(),
                    backend + ": " + name + " after " + completed + " runs");
        }
        lossesRead.forEach(losses -> losses.forEach(loss -> assertTrue(lossesAlone.contains(loss),
                backend + ": loss " + loss + " is none of the losses of " + completed + " runs on one thread")));
    }

    private static void assertRefusal(String graph, String message) {
        String expected = Pattern.quote("graph " + graph + ": this bound step is already running on ")
                + "(thread \"worker-[0-7]\"|another thread)"
                + Pattern.quote("; a bound step is single-threaded: bind one step per thread, or call Executable.run,"
                        + " which many threads may call at once");
        assertTrue(Pattern.matches(expected, message), "unexpected refusal: " + message);
    }

    /** The MNIST MLP's shape at a quarter of its input, small enough for the interpreter, big enough to split. */
    private static Graph trainingGraph() {
        GraphBuilder b = new GraphBuilder("concurrent_mlp");
        Value x = b.input("x", DType.F32, 32, 196);
        Value y = b.input("y", DType.I32, 32);
        Value h = new Linear("fc1", 196, 64).apply(x).relu();
        Value logits = new Linear("out", 64, 10).apply(h);
        Graph forward = b.output("loss", logits.crossEntropy(y)).build();
        return TrainingGraph.build(forward, "loss", Adam.defaults());
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> tensors) {
        Map<String, Tensor> copies = new HashMap<>();
        tensors.forEach((name, t) -> copies.put(name, t.copy()));
        return copies;
    }
}
