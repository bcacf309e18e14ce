package io.chainrule.codegen;

import io.chainrule.codegen.LoweringRules.Lowering;
import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.codegen.MemoryPlan.Kind;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Assigns every stored value a buffer. Temporaries are allocated in schedule order, each taking the smallest free
 * buffer of its dtype that is large enough once every reader of the buffer's previous value has run. An update whose
 * new value is a fused root of the parameter's own shape is stored straight into the parameter when no later kernel
 * reads the old value (the loop reads element i before it writes element i), saving a copy per step.
 */
final class MemoryPlanner {
    private final Graph graph;
    private final List<Kernel> schedule;
    private final int[] kernelOf;
    private final int end;
    private final List<Buffer> buffers = new ArrayList<>();
    private final int[] nodeBuffer;
    private final int[] slots = new int[DType.values().length];

    private MemoryPlanner(Graph graph, List<Kernel> schedule) {
        this.graph = graph;
        this.schedule = schedule;
        this.end = schedule.size();
        this.kernelOf = new int[graph.size()];
        Arrays.fill(kernelOf, -1);
        for (int k = 0; k < schedule.size(); k++) {
            for (int id : schedule.get(k).nodes()) {
                kernelOf[id] = k;
            }
        }
        this.nodeBuffer = new int[graph.size()];
        Arrays.fill(nodeBuffer, -1);
    }

    static MemoryPlan plan(Graph graph, List<Kernel> schedule) {
        return new MemoryPlanner(graph, schedule).run();
    }

    private MemoryPlan run() {
        for (Node n : graph.nodes()) {
            Lowering l = LoweringRules.of(n.op());
            if (l == Lowering.FED) {
                nodeBuffer[n.id()] = add(Kind.FED, n.dtype(), n.shape().size(), n.name());
            } else if (l == Lowering.CONSTANT && (!Constants.isUniform(n) || isResult(n.id()) || readOutsideLoops(n))) {
                nodeBuffer[n.id()] = add(Kind.CONSTANT, n.dtype(), n.shape().size(), n.ref());
            }
        }
        List<MemoryPlan.Copy> copies = new ArrayList<>();
        long naive = placeUpdates();
        int[] lastUse = lastUses();
        List<Buffer> free = new ArrayList<>();
        int[] freeAfter = new int[graph.size()];
        Arrays.fill(freeAfter, Integer.MAX_VALUE);
        for (int k = 0; k < schedule.size(); k++) {
            for (int b = 0; b < buffers.size(); b++) {
                if (freeAfter[b] < k) {
                    free.add(buffers.get(b));
                    freeAfter[b] = Integer.MAX_VALUE;
                }
            }
            for (int v : schedule.get(k).outputs()) {
                if (nodeBuffer[v] >= 0) {
                    continue;
                }
                Node n = graph.node(v);
                naive += (long) n.shape().size() * n.dtype().byteSize();
                Buffer b = bestFit(free, n.dtype(), n.shape().size());
                if (b == null) {
                    b = buffers.get(add(Kind.TEMP, n.dtype(), n.shape().size(), "t" + buffers.size()));
                } else {
                    free.remove(b);
                }
                nodeBuffer[v] = b.index();
                freeAfter[b.index()] = lastUse[v];
            }
        }
        aliases();
        for (Map.Entry<String, Integer> u : graph.updates().entrySet()) {
            int target = nodeBuffer[graph.find(u.getKey()).orElseThrow().id()];
            int from = bufferOfValue(u.getValue());
            if (from != target) {
                copies.add(new MemoryPlan.Copy(from, target, graph.node(u.getValue()).shape().size()));
            }
        }
        List<MemoryPlan.Copy> order = ordered(copies);
        return new MemoryPlan(List.copyOf(buffers), nodeBuffer, order, naive);
    }

    /**
     * The updates' copies in an order that gives each target the value its source had before any copy (they are one
     * parallel assignment): a copy goes once no other pending copy reads its target; a cycle (a := b, b := a) first
     * saves one source into a buffer of its own.
     */
    private List<MemoryPlan.Copy> ordered(List<MemoryPlan.Copy> parallel) {
        List<MemoryPlan.Copy> pending = new ArrayList<>(parallel);
        List<MemoryPlan.Copy> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            MemoryPlan.Copy next = pending.stream()
                    .filter(c -> pending.stream().noneMatch(o -> o != c && o.from() == c.to()))
                    .findFirst().orElse(null);
            if (next == null) {
                MemoryPlan.Copy c = pending.get(0);
                Buffer source = buffers.get(c.from());
                int saved = add(Kind.TEMP, source.dtype(), source.capacity(), "saved " + source.label());
                order.add(new MemoryPlan.Copy(c.from(), saved, source.capacity()));
                pending.replaceAll(o -> o.from() == c.from() ? new MemoryPlan.Copy(saved, o.to(), o.length()) : o);
            } else {
                order.add(next);
                pending.remove(next);
            }
        }
        return List.copyOf(order);
    }

    /** Places in-place updates into their parameter's buffer; returns the bytes those values would have taken. */
    private long placeUpdates() {
        long bytes = 0;
        for (Map.Entry<String, Integer> u : graph.updates().entrySet()) {
            Node target = graph.find(u.getKey()).orElseThrow();
            Node value = graph.node(u.getValue());
            int k = kernelOf[value.id()];
            boolean fusedRoot = k >= 0 && schedule.get(k) instanceof Kernel.Fused f && f.roots().contains(value.id());
            boolean readByAnotherUpdate = graph.updates().values().stream()
                    .anyMatch(v -> v != value.id() && source(v) == target.id());
            if (fusedRoot && lastRead(target.id()) <= k && !readByAnotherUpdate) {
                nodeBuffer[value.id()] = nodeBuffer[target.id()];
                bytes += (long) value.shape().size() * value.dtype().byteSize();
            }
        }
        return bytes;
    }

    /** The last kernel reading {@code id} (through reshapes); -1 when none does. */
    private int lastRead(int id) {
        int last = -1;
        for (Node n : graph.nodes().subList(id + 1, graph.size())) {
            if (!n.inputs().contains(id)) {
                continue;
            }
            last = Math.max(last, LoweringRules.of(n.op()) == Lowering.ALIAS ? lastRead(n.id()) : kernelOf[n.id()]);
        }
        return last;
    }

    /** For each stored value, the last kernel that needs its buffer: outputs and copied updates live to the end. */
    private int[] lastUses() {
        int[] last = new int[graph.size()];
        for (Node n : graph.nodes()) {
            last[n.id()] = lastRead(n.id());
        }
        for (int id : graph.outputs().values()) {
            last[source(id)] = end;
        }
        for (int id : graph.updates().values()) {
            last[source(id)] = end;
        }
        return last;
    }

    private void aliases() {
        for (Node n : graph.nodes()) {
            if (LoweringRules.of(n.op()) == Lowering.ALIAS) {
                nodeBuffer[n.id()] = nodeBuffer[source(n.id())];
            }
        }
    }

    private int bufferOfValue(int id) {
        int b = nodeBuffer[source(id)];
        if (b < 0) {
            throw new IllegalStateException("value %" + id + " has no buffer");
        }
        return b;
    }

    private int source(int id) {
        return LoweringRules.source(graph, id);
    }

    /** Whether anything but a fused loop (which takes uniform constants as literals) reads {@code n}. */
    private boolean readOutsideLoops(Node n) {
        return graph.nodes().stream().filter(m -> m.inputs().contains(n.id()))
                .anyMatch(m -> kernelOf[m.id()] < 0 || !(schedule.get(kernelOf[m.id()]) instanceof Kernel.Fused));
    }

    /** Outputs and update values need a buffer to be read from, even when they are literals. */
    private boolean isResult(int id) {
        return graph.outputs().containsValue(id) || graph.updates().containsValue(id);
    }

    private static Buffer bestFit(List<Buffer> free, DType dtype, int size) {
        Buffer best = null;
        for (Buffer b : free) {
            if (b.dtype() == dtype && b.capacity() >= size && (best == null || b.capacity() < best.capacity())) {
                best = b;
            }
        }
        return best;
    }

    private int add(Kind kind, DType dtype, int capacity, String label) {
        int index = buffers.size();
        buffers.add(new Buffer(index, kind, dtype, slots[dtype.ordinal()]++, capacity, label));
        return index;
    }
}
