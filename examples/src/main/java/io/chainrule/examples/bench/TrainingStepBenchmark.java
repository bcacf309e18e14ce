package io.chainrule.examples.bench;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.codegen.CompiledStep;
import io.chainrule.examples.Models;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole training step (forward, backward, Adam) of the three models, at their default batch sizes (MNIST
 * MLP 784-120-84-10 and linear 784-10 at 100, sin(10x) MLP 1-32-32-1 at 64), compiled and interpreted in the same run,
 * on random data: the ratio of the two is the figure to read, the machines being shared.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class TrainingStepBenchmark {
    @Param({"mnist-mlp", "mnist-linear", "sin-mlp"})
    public String model;

    @Param({"compiled", "interpreted"})
    public String backend;

    private CompiledStep compiled;
    private Executable interpreted;
    private Map<String, Tensor> feeds;

    @Setup
    public void setUp() {
        Graph train = TrainingGraph.build(Models.find(model).orElseThrow().build(), "loss", Adam.defaults());
        feeds = new HashMap<>(RandomFeeds.inputs(train, 1));
        feeds.putAll(Parameters.initialize(train, 1));
        if (backend.equals("compiled")) {
            compiled = CompiledBackend.compile(train);
            compiled.bind(feeds);
        } else {
            interpreted = new Interpreter().prepare(train);
        }
    }

    @TearDown
    public void tearDown() {
        if (compiled != null) {
            compiled.close();
        }
    }

    @Benchmark
    public Object step() {
        if (compiled != null) {
            compiled.run();
            return compiled.output("loss");
        }
        return interpreted.run(feeds);
    }
}
