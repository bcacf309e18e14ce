package io.chainrule.codegen;

import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.codegen.kernels.GemmScratch;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.ConcurrentUseGuard;
import io.chainrule.runtime.Feeds;
import io.chainrule.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled graph with its own buffers, run step after step: {@link #bind} the fed tensors once (their arrays are
 * used in place, and parameters and state are updated in them), then {@link #run()} allocates nothing; outputs are
 * copied into tensors this step owns. {@link #close()} stops the helper threads of its products.
 *
 * <p>Single-threaded, as every {@link BoundStep}: its buffers and the products' helper threads serve one run at a
 * time, so {@link #run}, {@link #bind} and {@link #close} while another thread is running the step throw
 * {@link IllegalStateException} at once and change nothing. Handing the step to another thread between runs is fine.
 */
public final class CompiledStep implements BoundStep {
    private final Compiler.Compiled compiled;
    /** The products' working memory and helper threads (daemons), one per step: a step runs one product at a time. */
    private final GemmScratch scratch;
    private final ConcurrentUseGuard guard;
    private final float[][] floats;
    private final int[][] ints;
    private final Map<String, Tensor> outputs = new LinkedHashMap<>();
    /** Each output's tensor and buffer, in arrays so that a step iterates without allocating. */
    private final Tensor[] outputTensors;
    private final Buffer[] outputBuffers;
    /** Whether output i is a fed tensor (or a reshape of one): read before the step, as the interpreter reads it. */
    private final boolean[] fedOutput;

    CompiledStep(Compiler.Compiled compiled) {
        this(compiled, Runtime.getRuntime().availableProcessors());
    }

    /** A step whose products run on up to {@code gemmThreads} threads: the caller and helpers. */
    CompiledStep(Compiler.Compiled compiled, int gemmThreads) {
        this.compiled = compiled;
        this.scratch = new GemmScratch(gemmThreads);
        this.guard = new ConcurrentUseGuard(compiled.plan().graph().name());
        MemoryPlan mem = compiled.plan().memory();
        this.floats = new float[mem.slots(DType.F32)][];
        this.ints = new int[mem.slots(DType.I32)][];
        Graph g = compiled.plan().graph();
        for (Buffer b : mem.buffers()) {
            if (b.kind() == MemoryPlan.Kind.TEMP) {
                set(b, Tensor.zeros(new io.chainrule.ir.TensorType(b.dtype(), io.chainrule.ir.Shape.of(b.capacity()))));
            }
        }
        for (Node n : g.nodes()) {
            int b = mem.nodeBuffer()[n.id()];
            if (n.op() == io.chainrule.ir.OpCode.CONSTANT && b >= 0
                    && mem.buffers().get(b).kind() == MemoryPlan.Kind.CONSTANT) {
                set(mem.buffers().get(b), constant(n));
            }
        }
        int count = g.outputs().size();
        outputTensors = new Tensor[count];
        outputBuffers = new Buffer[count];
        fedOutput = new boolean[count];
        int i = 0;
        for (Map.Entry<String, Integer> o : g.outputs().entrySet()) {
            int id = o.getValue();
            outputTensors[i] = Tensor.zeros(g.node(id).type());
            outputs.put(o.getKey(), outputTensors[i]);
            outputBuffers[i] = mem.buffers().get(mem.nodeBuffer()[id]);
            fedOutput[i++] = Feeds.isFed(g.node(LoweringRules.source(g, id)));
        }
    }

    public KernelPlan plan() {
        return compiled.plan();
    }

    /** Binds every input, parameter and state tensor (checked as every backend checks feeds); no copy is made. */
    public void bind(Map<String, Tensor> feeds) {
        Graph g = compiled.plan().graph();
        Feeds.check(g, feeds);
        guard.enter();
        try {
            for (Node n : g.nodes()) {
                if (Feeds.isFed(n)) {
                    set(compiled.plan().memory().bufferOf(n.id()), feeds.get(n.name()));
                }
            }
        } finally {
            guard.exit();
        }
    }

    /**
     * One step on the bound tensors.
     *
     * @throws IllegalStateException if another thread is running this step
     */
    @Override
    public void run() {
        guard.enter();
        try {
            copyOutputs(true);
            compiled.step().invokeExact(floats, ints, scratch);
            copyOutputs(false);
        } catch (KernelFailure e) {
            throw new StepException(compiled.plan().graph().name() + ": kernel " + compiled.plan().describe(e.kernel())
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            guard.exit();
        }
    }

    private void copyOutputs(boolean fed) {
        for (int i = 0; i < outputTensors.length; i++) {
            if (fedOutput[i] == fed) {
                Buffer b = outputBuffers[i];
                Tensor out = outputTensors[i];
                Object from = b.dtype() == DType.I32 ? ints[b.slot()] : floats[b.slot()];
                Object to = b.dtype() == DType.I32 ? out.ints() : out.floats();
                System.arraycopy(from, 0, to, 0, out.size());
            }
        }
    }

    /** The named output of the last run (the same tensor every time). */
    @Override
    public Tensor output(String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("graph " + compiled.plan().graph().name() + " has no output '" + name
                    + "'");
        }
        return t;
    }

    public Map<String, Tensor> outputs() {
        return outputs;
    }

    /** Stops the products' helper threads; the step still runs, on the calling thread alone. */
    @Override
    public void close() {
        guard.enter();
        try {
            scratch.close();
        } finally {
            guard.exit();
        }
    }

    /** Threads the products may run on: the caller and the helpers. */
    int gemmThreads() {
        return scratch.threads();
    }

    private void set(Buffer b, Tensor t) {
        if (b.dtype() == DType.I32) {
            ints[b.slot()] = t.ints();
        } else {
            floats[b.slot()] = t.floats();
        }
    }

    private static Tensor constant(Node n) {
        Tensor t = Tensor.zeros(n.type());
        double[] v = n.attrs(Attrs.Constant.class).values();
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, v.length == 1 ? v[0] : v[i]);
        }
        return t;
    }
}
