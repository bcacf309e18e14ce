package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.ConcurrentRuns;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One executable shared by eight threads, as a model serving predictions from a web server's threads: the MNIST MLP's
 * forward graph (every thread reading the same parameters) and its Adam training step (each call with feeds of its
 * own), on both backends; every result, outputs and updated tensors, must be bit for bit what the same executable
 * computed for that case on one thread beforehand, and no thread may hang or fail. Each thread makes a number of runs,
 * and on the compiled backend goes on for a second: a cold JIT or a busy machine still makes them all.
 */
class SharedExecutableStressTest {
    private static final int THREADS = 8;
    private static final int CASES = 8;

    static Stream<Arguments> runs() {
        ModelSpec mlp = Models.find("mnist-mlp").orElseThrow();
        Graph forward = mlp.build();
        // the interpreter at a tenth of the batch, for as many runs in the time
        Graph small = mlp.build(mlp.defaultBatchSize() / 10, DType.F32);
        return Stream.of(
                Arguments.of("compiled forward", new CompiledBackend(), forward, 20, 1.0),
                Arguments.of("compiled training step", new CompiledBackend(), training(forward), 10, 1.0),
                Arguments.of("interpreted forward", new Interpreter(), small, 8, 0.0),
                Arguments.of("interpreted training step", new Interpreter(), training(small), 2, 0.0));
    }

    private static Graph training(Graph forward) {
        return TrainingGraph.build(forward, "loss", Adam.defaults());
    }

    /** The feeds of one call and what one thread computed from them. */
    private record Case(Map<String, Tensor> feeds, Map<String, Tensor> outputs, Map<String, Tensor> updated) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyThreadGetsWhatOneThreadGets(String what, Backend backend, Graph graph, int minRunsPerThread,
            double seconds) throws InterruptedException {
        Executable shared = backend.prepare(graph);
        Map<String, Tensor> parameters = Parameters.initialize(graph, 1);
        List<Case> cases = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            Map<String, Tensor> feeds = new HashMap<>(parameters);
            feeds.putAll(RandomFeeds.inputs(graph, 100 + c));
            Map<String, Tensor> updated = updatedCopies(graph, feeds);
            Map<String, Tensor> outputs = shared.run(updated.isEmpty() ? feeds : withCopies(feeds, updated));
            cases.add(new Case(feeds, outputs, updated));
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ConcurrentRuns.onThreads(THREADS, thread -> {
            for (int i = 0; i < minRunsPerThread || System.nanoTime() < deadline; i++) {
                Case expected = cases.get((thread + i) % CASES);
                // a graph that updates its parameters gets copies, as concurrent training runs need tensors of their
                // own; a forward graph reads the same parameters on every thread
                Map<String, Tensor> own = updatedCopies(graph, expected.feeds());
                Map<String, Tensor> outputs = shared.run(own.isEmpty() ? expected.feeds()
                        : withCopies(expected.feeds(), own));
                String context = what + " on " + Thread.currentThread().getName() + ", ";
                expected.outputs().forEach((name, t) -> assertArrayEquals(t.floats(), outputs.get(name).floats(),
                        context + "output " + name));
                expected.updated().forEach((name, t) -> assertArrayEquals(t.floats(), own.get(name).floats(),
                        context + "updated " + name));
            }
            return null;
        });
    }

    /**
     * Copies of the tensors {@code graph} updates, taken from {@code feeds} (those the run overwrites: after
     * {@link #withCopies} and a run, they hold the updated values).
     */
    private static Map<String, Tensor> updatedCopies(Graph graph, Map<String, Tensor> feeds) {
        Map<String, Tensor> copies = new HashMap<>();
        graph.updates().keySet().forEach(name -> copies.put(name, feeds.get(name).copy()));
        return copies;
    }

    private static Map<String, Tensor> withCopies(Map<String, Tensor> feeds, Map<String, Tensor> copies) {
        Map<String, Tensor> all = new HashMap<>(feeds);
        all.putAll(copies);
        return all;
    }
}
