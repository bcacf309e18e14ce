package io.chainrule.codegen;

import io.chainrule.codegen.kernels.GemmScratch;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Node;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Graph to loaded class: fuse and schedule, plan memory, emit bytecode with ASM and define it as a hidden class in
 * this package. The result is shared: each {@link CompiledStep} made from it owns its buffers.
 */
final class Compiler {
    private Compiler() {
    }

    /** The loaded class of one graph, its plan, and the handle of its {@code step(float[][], int[][], scratch)}. */
    record Compiled(KernelPlan plan, String owner, byte[] bytecode, MethodHandle step, long compileNanos) {
    }

    static Compiled compile(Graph graph) {
        long start = System.nanoTime();
        for (Node n : graph.nodes()) {
            if (n.dtype() == DType.F64) {
                throw new GraphException("codegen compiles f32 graphs (with i32 labels); " + n.ref() + " "
                        + n.label() + " of " + graph.name() + " is " + n.type() + ": run f64 graphs on the interpreter");
            }
        }
        List<Kernel> schedule = FusionPass.schedule(graph);
        MemoryPlan memory = MemoryPlanner.plan(graph, schedule);
        KernelPlan plan = new KernelPlan(graph, schedule, memory);
        // named by the graph and its input shapes, so that dumps of a graph's variants do not overwrite each other
        String shapes = graph.inputs().stream().map(n -> String.join("x",
                java.util.Arrays.stream(n.shape().dims()).mapToObj(String::valueOf).toList())).collect(
                java.util.stream.Collectors.joining("_"));
        String owner = "io/chainrule/codegen/Step_" + (graph.name() + (shapes.isEmpty() ? "" : "_" + shapes))
                .replaceAll("[^A-Za-z0-9_]", "_");
        byte[] bytes = StepEmitter.emit(owner, graph, schedule, memory);
        Dumps.ifEnabled(plan, owner, bytes);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            MethodHandle step = lookup.findStatic(lookup.lookupClass(), StepEmitter.STEP,
                    MethodType.methodType(void.class, float[][].class, int[][].class, GemmScratch.class));
            return new Compiled(plan, owner, bytes, step, System.nanoTime() - start);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("generated class for " + graph.name() + " failed to load: " + e, e);
        }
    }
}
