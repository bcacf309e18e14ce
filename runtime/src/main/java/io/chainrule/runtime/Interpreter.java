package io.chainrule.runtime;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference backend: runs a graph node by node in its topological order, each node into a fresh buffer of its own,
 * with the semantics of {@link OpEval}. Inputs, parameters and state are read from the feeds without copying. After
 * every node has run, each update is copied into the fed tensor it names (parameters and state persist across steps in
 * the caller's tensors), every update from the values before any of them; an output that is a fed tensor is returned
 * as a copy, its value before the updates.
 *
 * <p>A {@link NodeHook} given to the constructor sees every node before and after it runs (captured activations, the
 * finiteness check of {@link NonFiniteCheck}, traces).
 *
 * <p>Its executables keep nothing between runs, so many threads may run one at once (see {@link Executable}) when the
 * hook allows it; a step it binds is single-threaded, as every {@link BoundStep} is.
 */
public final class Interpreter implements Backend {
    private static final NodeHook NONE = new NodeHook() {
    };

    private final NodeHook hook;

    /** The interpreter without a hook; it holds no state, so any instance will do. */
    public Interpreter() {
        this(NONE);
    }

    /** An interpreter that calls {@code hook} around every node of every run. */
    public Interpreter(NodeHook hook) {
        this.hook = hook;
    }

    @Override
    public Executable prepare(Graph graph) {
        return new Executable() {
            @Override
            public Map<String, Tensor> run(Map<String, Tensor> feeds) {
                return Interpreter.run(graph, feeds, hook);
            }

            @Override
            public BoundStep bind(Map<String, Tensor> feeds) {
                return new RebindingStep(this, graph.name(), feeds);
            }
        };
    }

    private static Map<String, Tensor> run(Graph graph, Map<String, Tensor> feeds, NodeHook hook) {
        Tensor[] values = values(graph, feeds, hook);
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        graph.outputs().forEach((name, id) -> outputs.put(name, Feeds.isFed(graph.node(id)) ? values[id].copy()
                : values[id]));
        // an update may read a tensor another update overwrites (s := p beside p := p + 1): snapshot those first
        Map<String, Tensor> newValues = new LinkedHashMap<>();
        graph.updates().forEach((target, id) -> newValues.put(target, readsFed(graph, id) ? values[id].copy()
                : values[id]));
        newValues.forEach((target, value) -> feeds.get(target).copyFrom(value));
        return outputs;
    }

    /** Whether node {@code id}'s value may share storage with a fed tensor (it is one, or a reshape of one). */
    private static boolean readsFed(Graph graph, int id) {
        Node n = graph.node(id);
        return Feeds.isFed(n) || (n.op() == io.chainrule.ir.OpCode.RESHAPE && readsFed(graph, n.input(0)));
    }

    /** Every node's value, by id, without applying updates (the feeds are only read). */
    static Tensor[] values(Graph graph, Map<String, Tensor> feeds, NodeHook hook) {
        Feeds.check(graph, feeds);
        Tensor[] values = new Tensor[graph.size()];
        for (Node node : graph.nodes()) {
            values[node.id()] = Feeds.isFed(node) ? feeds.get(node.name()) : evaluate(node, values, hook);
            hook.after(node, values[node.id()]);
        }
        return values;
    }

    private static Tensor evaluate(Node node, Tensor[] values, NodeHook hook) {
        Tensor[] in = new Tensor[node.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = values[node.input(i)];
        }
        hook.before(node, in);
        try {
            return OpEval.eval(node, in);
        } catch (RuntimeException e) {
            throw new InterpreterException(node, e);
        }
    }
}
