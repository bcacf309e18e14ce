package io.chainrule.codegen;

import io.chainrule.codegen.LoweringRules.Lowering;
import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.codegen.MemoryPlan.Kind;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** For each node, the last kernel reading it (through reshapes); -1 when none does. */
    private final int[] lastRead;
    /** Parameters and state by name: the targets of updates. */
    private final Map<String, Integer> fedByName = new HashMap<>();
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
        this.lastRead = lastReads();
        graph.nodes().stream().filter(n -> LoweringRules.of(n.op()) == Lowering.FED)
                .forEach(n -> fedByName.put(n.name(), n.id()));
        this.nodeBuffer = new int[graph.size()];
        Arrays.fill(nodeBuffer, -1);
    }

    static MemoryPlan plan(Graph graph, List<Kernel> schedule) {
        return new MemoryPlanner(graph, schedule).run();
    }

    private MemoryPlan run() {
        boolean[] readOutsideLoops = readOutsideLoops();
        for (Node n : graph.nodes()) {
            Lowering l = LoweringRules.of(n.op());
            if (l == Lowering.FED) {
                nodeBuffer[n.id()] = add(Kind.FED, n.dtype(), n.shape().size(), n.name());
            } else if (l == Lowering.CONSTANT
                    && (!Constants.isUniform(n) || isResult(n.id()) || readOutsideLoops[n.id()])) {
                nodeBuffer[n.id()] = add(Kind.CONSTANT, n.dtype(), n.shape().size(), n.ref());
            }
        }
        List<MemoryPlan.Copy> copies = new ArrayList<>();
        long naive = placeUpdates();
        int[] lastUse = lastUses();
        List<Buffer> free = new ArrayList<>();
        // the temporaries each kernel frees, once every reader of their values has run
        List<List<Integer>> freedAt = new ArrayList<>();
        for (int k = 0; k <= schedule.size(); k++) {
            freedAt.add(new ArrayList<>());
        }
        for (int k = 0; k < schedule.size(); k++) {
            List<Integer> freed = freedAt.get(k);
            freed.sort(null);
            freed.forEach(b -> free.add(buffers.get(b)));
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
                if (lastUse[v] < end) {
                    freedAt.get(Math.max(lastUse[v], k) + 1).add(b.index());
                }
            }
        }
        aliases();
        for (Map.Entry<String, Integer> u : graph.updates().entrySet()) {
            int target = nodeBuffer[fedByName.get(u.getKey())];
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
        Map<Integer, Integer> readers = new HashMap<>();
        pending.forEach(c -> readers.merge(c.from(), 1, Integer::sum));
        while (!pending.isEmpty()) {
            int next = 0;
            while (next < pending.size() && readers.getOrDefault(pending.get(next).to(), 0) > 0) {
                next++;
            }
            if (next == pending.size()) {
                MemoryPlan.Copy c = pending.get(0);
                Buffer source = buffers.get(c.from());
                int saved = add(Kind.TEMP, source.dtype(), source.capacity(), "saved " + source.label());
                order.add(new MemoryPlan.Copy(c.from(), saved, source.capacity()));
                pending.replaceAll(o -> o.from() == c.from() ? new MemoryPlan.Copy(saved, o.to(), o.length()) : o);
                readers.put(saved, readers.remove(c.from()));
            } else {
                MemoryPlan.Copy c = pending.remove(next);
                order.add(c);
                readers.merge(c.from(), -1, Integer::sum);
            }
        }
        return List.copyOf(order);
    }

    /** Places in-place updates into their parameter's buffer; returns the bytes those values would have taken. */
    private long placeUpdates() {
        long bytes = 0;
        // the update values read from each node (through reshapes)
        Map<Integer, Set<Integer>> updateValuesOf = new HashMap<>();
        graph.updates().values().forEach(v -> updateValuesOf.computeIfAbsent(source(v), s -> new HashSet<>())
                .add(v));
        for (Map.Entry<String, Integer> u : graph.updates().entrySet()) {
            Node target = graph.node(fedByName.get(u.getKey()));
            Node value = graph.node(u.getValue());
            int k = kernelOf[value.id()];
            boolean fusedRoot = k >= 0 && schedule.get(k) instanceof Kernel.Fused f && f.roots().contains(value.id());
            boolean readByAnotherUpdate = updateValuesOf.getOrDefault(target.id(), Set.of()).stream()
                    .anyMatch(v -> v != value.id());
            if (fusedRoot && lastRead[target.id()] <= k && !readByAnotherUpdate) {
                nodeBuffer[value.id()] = nodeBuffer[target.id()];
                bytes += (long) value.shape().size() * value.dtype().byteSize();
            }
        }
        return bytes;
    }

    /**
     * The last kernel reading each node; a reshape reads its input wherever the reshape is read. In reverse order, so
     * that every reader's own last read is known when it is needed.
     */
    private int[] lastReads() {
        int[] last = new int[graph.size()];
        Arrays.fill(last, -1);
        for (int id = graph.size() - 1; id >= 0; id--) {
            Node n = graph.node(id);
            int read = LoweringRules.of(n.op()) == Lowering.ALIAS ? last[id] : kernelOf[id];
            for (int in : n.inputs()) {
                last[in] = Math.max(last[in], read);
            }
        }
        return last;
    }

    /** For each stored value, the last kernel that needs its buffer: outputs and copied updates live to the end. */
    private int[] lastUses() {
        int[] last = lastRead.clone();
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

    /** Which nodes something other than a fused loop (which takes uniform constants as literals) reads. */
    private boolean[] readOutsideLoops() {
        boolean[] outside = new boolean[graph.size()];
        for (Node m : graph.nodes()) {
            if (kernelOf[m.id()] < 0 || !(schedule.get(kernelOf[m.id()]) instanceof Kernel.Fused)) {
                m.inputs().forEach(in -> outside[in] = true);
            }
        }
        return outside;
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
