package io.chainrule.codegen;

import io.chainrule.codegen.LoweringRules.Lowering;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a graph's nodes into kernels and orders them. A matrix product absorbs a following bias add and relu when
 * nothing else reads the intermediate values. An elementwise node is inlined into its consumer when that is its only
 * reader and has its shape (so nothing is computed twice); the others are roots, stored to buffers. Roots of one shape
 * share a loop while nothing in between needs them: a kernel stays open until a node outside it reads one of its
 * values, and only then is it emitted, or until another root would make it stream more buffers than L1 keeps apart.
 * Every fused loop fits one method: an expression tree too big for one is cut, storing some of its subtrees as roots
 * of their own, and a loop takes no more roots than fit.
 */
final class FusionPass {
    /**
     * Expression nodes per fused loop. It also bounds the depth of an expression tree, and so the recursion of
     * {@link #expression} and of the emitter over one tree.
     */
    static final int MAX_FUSED_NODES = 150;
    /** Buffers per fused loop (each a method parameter), under the JVM's 255-parameter limit. */
    static final int MAX_FUSED_BUFFERS = 200;
    /** Bytecode per fused loop, by {@link FusedLoopEmitter#maxBytes}: well under C2's 8,000-byte method limit. */
    static final int MAX_FUSED_BYTES = 6000;
    /**
     * Buffers a loop may stream (roots, and values read other than its own roots and uniform constants) once it holds
     * more than one root: one Adam update's 9 (three roots; the moments, weight and gradient, two scalars). Same-shaped
     * roots otherwise share one loop: the updates of a depth-16 MLP's fifteen 256x256 weights took two loops of 29 and
     * 16 roots, and its step ran 1.1-1.7x (median 1.35x) slower than with a loop per update, likely because element i
     * of buffers of one size allocated one after another falls in the same few L1 sets.
     */
    static final int MAX_SHARED_BUFFERS = 9;

    private final Graph graph;
    private final int[] readers;
    /** The node reading each node, when one node does (the last one otherwise); -1 for none. */
    private final int[] reader;
    /** Elementwise nodes stored rather than inlined into their reader, whose expression would not fit a loop. */
    private final boolean[] cut;
    /** Each matrix product's epilogue, decided before anything is inlined, and the nodes it absorbs. */
    private final Kernel.MatMul[] epilogueOf;
    private final boolean[] absorbed;
    private final Object[] computedBy;
    private final List<Kernel> schedule = new ArrayList<>();
    private final Map<Shape, Open> open = new LinkedHashMap<>();

    /** A fused kernel still taking roots. */
    private static final class Open {
        final Shape shape;
        final List<Integer> roots = new ArrayList<>();
        final List<Integer> nodes = new ArrayList<>();
        final java.util.Set<Integer> leaves = new java.util.HashSet<>();

        Open(Shape shape) {
            this.shape = shape;
        }
    }

    private FusionPass(Graph graph) {
        this.graph = graph;
        this.readers = readers(graph);
        this.reader = new int[graph.size()];
        Arrays.fill(reader, -1);
        for (Node n : graph.nodes()) {
            n.inputs().forEach(in -> reader[in] = n.id());
        }
        this.cut = new boolean[graph.size()];
        this.epilogueOf = new Kernel.MatMul[graph.size()];
        this.absorbed = new boolean[graph.size()];
        this.computedBy = new Object[graph.size()];
        for (Node n : graph.nodes()) {
            if (n.op() == OpCode.MATMUL) {
                Kernel.MatMul k = matmulWithEpilogue(n);
                epilogueOf[n.id()] = k;
                k.nodes().stream().filter(id -> id != n.id()).forEach(id -> absorbed[id] = true);
            }
        }
        cutTrees();
    }

    /**
     * Sizes every elementwise node's expression tree (the node and what would be inlined into it) in topological order,
     * and while one does not fit a loop of its own, stores its largest inlined input instead. Each input's tree already
     * fits, so this ends, at worst with no input inlined.
     */
    private void cutTrees() {
        int[] nodes = new int[graph.size()];
        int[] reads = new int[graph.size()];
        for (Node n : graph.nodes()) {
            if (LoweringRules.of(n.op()) != Lowering.ELEMENTWISE || absorbed[n.id()]) {
                continue;
            }
            int id = n.id();
            nodes[id] = 1;
            for (int in : n.inputs()) {
                boolean inlined = isInlined(graph.node(in));
                nodes[id] += inlined ? nodes[in] : 0;
                reads[id] += inlined ? reads[in] : 1;
            }
            while (!fits(nodes[id], 1, reads[id], n.shape())) {
                int largest = n.inputs().stream().filter(in -> isInlined(graph.node(in)))
                        .max(Comparator.comparingInt(in -> nodes[in] + reads[in])).orElseThrow();
                cut[largest] = true;
                nodes[id] -= nodes[largest];
                reads[id] += 1 - reads[largest];
            }
        }
    }

    /** Whether a loop over {@code shape} computing this much fits one method and its parameters. */
    private static boolean fits(int nodes, int roots, int reads, Shape shape) {
        int loops = (int) Arrays.stream(shape.dims()).filter(d -> d != 1).count();
        return nodes <= MAX_FUSED_NODES && roots + reads <= MAX_FUSED_BUFFERS
                && FusedLoopEmitter.maxBytes(nodes, roots, reads, loops) <= MAX_FUSED_BYTES;
    }

    /**
     * The values of {@code reads} a loop reads from memory: not its own roots, read from locals, nor uniform constants,
     * most of them literals.
     */
    private int streamed(java.util.Set<Integer> reads, Open k) {
        return (int) reads.stream().filter(id -> !k.roots.contains(id) && !Constants.isUniform(graph.node(id)))
                .count();
    }

    static List<Kernel> schedule(Graph graph) {
        return new FusionPass(graph).run();
    }

    private List<Kernel> run() {
        for (Node n : graph.nodes()) {
            switch (LoweringRules.of(n.op())) {
                case FED, CONSTANT, ALIAS -> { }
                case ELEMENTWISE -> elementwise(n);
                case CALL -> call(n);
            }
        }
        new ArrayList<>(open.values()).forEach(this::close);
        return schedule;
    }

    private void call(Node n) {
        n.inputs().forEach(this::closeProducer);
        if (n.op() == OpCode.MATMUL) {
            Kernel.MatMul planned = epilogueOf[n.id()];
            if (planned.bias() != Kernel.MatMul.NONE) {
                closeProducer(planned.bias());
            }
            Kernel.MatMul k = new Kernel.MatMul(name(planned.nodes()), planned.matmul(), planned.biasAdd(),
                    planned.bias(), planned.relu());
            k.nodes().forEach(id -> computedBy[id] = k);
            emit(k);
        } else {
            Kernel.Call k = new Kernel.Call(name(List.of(n.id())), n.id());
            computedBy[n.id()] = k;
            emit(k);
        }
    }

    private void elementwise(Node n) {
        if (absorbed[n.id()] || isInlined(n)) {
            return;
        }
        List<Integer> tree = new ArrayList<>();
        List<Integer> leaves = new ArrayList<>();
        expression(n.id(), tree, leaves);
        Open k = open.get(n.shape());
        for (int leaf : leaves) {
            // a root of the same loop is read from its local; through a reshape it must be read from memory
            if (producer(leaf) instanceof Open o && (o != k || !o.roots.contains(leaf))) {
                close(o);
            }
        }
        k = open.get(n.shape());
        java.util.Set<Integer> reads = new java.util.HashSet<>(leaves);
        if (k != null) {
            reads.addAll(k.leaves);
        }
        if (k != null && (!fits(k.nodes.size() + tree.size(), k.roots.size() + 1, reads.size(), n.shape())
                || k.roots.size() + 1 + streamed(reads, k) > MAX_SHARED_BUFFERS)) {
            close(k);
            k = null;
        }
        if (k == null) {
            k = new Open(n.shape());
            open.put(n.shape(), k);
        }
        k.roots.add(n.id());
        k.nodes.addAll(tree);
        k.leaves.addAll(leaves);
        for (int id : tree) {
            computedBy[id] = k;
        }
    }

    /**
     * Collects the nodes inlined into root {@code id} (children first) and the values it reads, uniform constants
     * included (a literal, unless something else needs it in a buffer); recursion as deep as the tree, which
     * {@link #cutTrees} keeps within {@link #MAX_FUSED_NODES}.
     */
    private void expression(int id, List<Integer> tree, List<Integer> leaves) {
        for (int in : graph.node(id).inputs()) {
            if (isInlined(graph.node(in))) {
                expression(in, tree, leaves);
            } else {
                leaves.add(in);
            }
        }
        tree.add(id);
    }

    /** An elementwise value read once, by an elementwise node of its own shape, lives only in that node's loop. */
    private boolean isInlined(Node n) {
        if (LoweringRules.of(n.op()) != Lowering.ELEMENTWISE || absorbed[n.id()] || readers[n.id()] != 1
                || cut[n.id()]) {
            return false;
        }
        Node reader = soleReader(n.id());
        return reader != null && LoweringRules.of(reader.op()) == Lowering.ELEMENTWISE
                && !absorbed[reader.id()] && reader.shape().equals(n.shape());
    }

    /** The node reading {@code id}, when it is read once and by a node (not only as an output or update). */
    private Node soleReader(int id) {
        return readers[id] == 1 && reader[id] >= 0 ? graph.node(reader[id]) : null;
    }

    private void closeProducer(int id) {
        if (producer(id) instanceof Open o) {
            close(o);
        }
    }

    /** The open or emitted kernel computing {@code id}, seen through reshapes (which alias their input). */
    private Object producer(int id) {
        return computedBy[LoweringRules.source(graph, id)];
    }

    private void close(Open o) {
        if (open.get(o.shape) == o) {
            open.remove(o.shape);
        }
        Kernel.Fused k = new Kernel.Fused(name(o.roots), o.shape, List.copyOf(o.roots), List.copyOf(o.nodes));
        o.nodes.forEach(id -> computedBy[id] = k);
        emit(k);
    }

    private void emit(Kernel k) {
        schedule.add(k);
    }

    /**
     * The product, with a bias add and a relu after it when each is the sole reader of the value before; the bias must
     * be fed, a constant, or come before the product in the graph, since the kernel runs at the product's place.
     */
    private Kernel.MatMul matmulWithEpilogue(Node mm) {
        int biasAdd = Kernel.MatMul.NONE;
        int bias = Kernel.MatMul.NONE;
        int relu = Kernel.MatMul.NONE;
        Node add = readers[mm.id()] == 1 ? soleReader(mm.id()) : null;
        if (add != null && add.op() == OpCode.ADD && add.shape().equals(mm.shape())) {
            int other = add.input(0) == mm.id() ? add.input(1) : add.input(0);
            Shape b = graph.node(other).shape();
            Lowering source = LoweringRules.of(graph.node(other).op());
            boolean ready = other < mm.id() || source == Lowering.FED || source == Lowering.CONSTANT;
            if (ready && b.rank() >= 1 && b.size() == mm.shape().dim(1) && b.dim(-1) == b.size()) {
                biasAdd = add.id();
                bias = other;
                Node act = readers[add.id()] == 1 ? soleReader(add.id()) : null;
                if (act != null && act.op() == OpCode.RELU) {
                    relu = act.id();
                }
            }
        }
        return new Kernel.MatMul("", mm.id(), biasAdd, bias, relu);
    }

    /** {@code k<index>_<first name>_<ops>}: a Java identifier that says what the kernel holds. */
    private String name(List<Integer> nodes) {
        StringBuilder sb = new StringBuilder("k").append(schedule.size());
        nodes.stream().map(graph::node).filter(n -> n.name() != null).findFirst()
                .ifPresent(n -> sb.append('_').append(n.name().replaceAll("[^A-Za-z0-9]", "_")));
        nodes.stream().map(id -> graph.node(id).op().text()).distinct().limit(4).forEach(op -> sb.append('_').append(op));
        return sb.toString();
    }

    /** How many nodes, outputs and updates read each node. */
    private static int[] readers(Graph graph) {
        int[] r = new int[graph.size()];
        for (Node n : graph.nodes()) {
            n.inputs().forEach(in -> r[in]++);
        }
        graph.outputs().values().forEach(id -> r[id]++);
        graph.updates().values().forEach(id -> r[id]++);
        return r;
    }
}
