package io.chainrule.codegen;

import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.text.TextPrinter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a graph was lowered to: the kernels in schedule order and the memory plan. Its text form is the plan dump a
 * user reads beside the bytecode: each kernel with what it does, its buffers and the nodes it holds (with their
 * origins, so backward nodes name the forward node they came from), then the buffers and the peak memory.
 */
public final class KernelPlan {
    private final Graph graph;
    private final List<Kernel> kernels;
    private final MemoryPlan memory;

    KernelPlan(Graph graph, List<Kernel> kernels, MemoryPlan memory) {
        this.graph = graph;
        this.kernels = kernels;
        this.memory = memory;
    }

    /** The graph that was compiled. */
    public Graph graph() {
        return graph;
    }

    /** The kernels in schedule order. */
    List<Kernel> kernels() {
        return kernels;
    }

    /** The buffers and the buffer that holds each node's value. */
    MemoryPlan memory() {
        return memory;
    }

    /** The kernel's name and the nodes it computes, for error messages. */
    String describe(int kernel) {
        Kernel k = kernels.get(kernel);
        return k.name() + " (" + k.nodes().stream().map(id -> {
            Node n = graph.node(id);
            return n.ref() + " " + n.op().text() + (n.name() != null ? " " + n.name() : "")
                    + (n.origin() != null ? " at " + n.origin() : "");
        }).collect(Collectors.joining(", ")) + ")";
    }

    /** How many kernels the step runs: matrix products, fused loops and library calls. */
    public int kernelCount() {
        return kernels.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("kernel plan for ").append(graph.name()).append(": ")
                .append(kernels.size()).append(" kernels\n");
        for (Kernel k : kernels) {
            sb.append(String.format(Locale.ROOT, "%-36s %-34s in: %s  out: %s%n", k.name(), summary(k),
                    buffers(k.nodes(), true), buffers(k.outputs(), false)));
            for (int id : k.nodes()) {
                sb.append("    ").append(TextPrinter.line(graph.node(id)).strip()).append('\n');
            }
        }
        sb.append("buffers:\n");
        for (Buffer b : memory.buffers()) {
            sb.append(String.format(Locale.ROOT, "  b%-3d %-8s %s[%d]  %s%n", b.index(),
                    b.kind().name().toLowerCase(Locale.ROOT), b.dtype(), b.capacity(), b.label()));
        }
        sb.append(String.format(Locale.ROOT, "peak intermediate memory: %.3f MB (without reuse: %.3f MB); "
                        + "updates copied after the step: %d of %d%n", memory.tempBytes() / 1e6,
                memory.naiveTempBytes() / 1e6, memory.copies().stream()
                        .filter(c -> memory.buffers().get(c.to()).kind() == MemoryPlan.Kind.FED).count(),
                graph.updates().size()));
        return sb.toString();
    }

    private String summary(Kernel k) {
        if (k instanceof Kernel.MatMul m) {
            Node mm = graph.node(m.matmul());
            Attrs.MatMul t = mm.attrs(Attrs.MatMul.class);
            Node a = graph.node(mm.input(0));
            int inner = t.transposeA() ? a.shape().dim(0) : a.shape().dim(1);
            return "gemm " + mm.shape().dim(0) + "x" + inner + "x" + mm.shape().dim(1)
                    + (t.transposeA() ? " A^T" : "") + (t.transposeB() ? " B^T" : "")
                    + (m.biasAdd() != Kernel.MatMul.NONE ? " +bias" : "")
                    + (m.relu() != Kernel.MatMul.NONE ? " +relu" : "");
        }
        if (k instanceof Kernel.Fused f) {
            return "fused " + graph.node(f.roots().get(0)).dtype() + f.shape() + ": " + f.roots().size() + " stored, "
                    + f.nodes().size() + " ops";
        }
        Node n = graph.node(((Kernel.Call) k).node());
        return n.op().text() + " " + graph.node(n.input(0)).type();
    }

    /** The buffers a kernel's nodes read ({@code inputs}) or write, by label. */
    private String buffers(List<Integer> nodes, boolean inputs) {
        if (!inputs) {
            return nodes.stream().map(id -> label(memory.nodeBuffer()[id])).collect(Collectors.joining(" "));
        }
        return nodes.stream().flatMap(id -> graph.node(id).inputs().stream()).filter(id -> !nodes.contains(id))
                .map(id -> memory.nodeBuffer()[id]).filter(b -> b >= 0).distinct().map(this::label)
                .collect(Collectors.joining(" "));
    }

    private String label(int buffer) {
        if (buffer < 0) {
            return "-";
        }
        Buffer b = memory.buffers().get(buffer);
        return b.kind() == MemoryPlan.Kind.TEMP ? "b" + b.index() : b.label();
    }
}
