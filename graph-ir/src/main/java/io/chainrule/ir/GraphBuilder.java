package io.chainrule.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link Graph} one node at a time, checking each node's shapes, dtypes, attributes and name as it is made,
 * so that a wrong graph fails at the line that built it. Ops are applied through the fluent {@link Value} handles this
 * builder returns.
 */
public final class GraphBuilder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();
    private final Map<String, Integer> updates = new LinkedHashMap<>();
    private Origin originScope;

    public GraphBuilder(String name) {
        checkName(name, "graph");
        this.name = name;
    }

    /** A builder holding a copy of {@code graph}'s nodes and outputs, to extend it (as autodiff does). */
    public static GraphBuilder extend(Graph graph) {
        return extend(graph, graph.name());
    }

    public static GraphBuilder extend(Graph graph, String newName) {
        GraphBuilder b = new GraphBuilder(newName);
        for (Node n : graph.nodes()) {
            b.add(n);
        }
        b.outputs.putAll(graph.outputs());
        b.updates.putAll(graph.updates());
        return b;
    }

    public Value input(String inputName, DType dtype, int... dims) {
        return copySource(OpCode.INPUT, Attrs.NONE, new TensorType(dtype, Shape.of(dims)), inputName, callerOrigin());
    }

    /** A trainable f32 tensor. */
    public Value parameter(String paramName, Initializer init, int... dims) {
        return parameter(paramName, init, DType.F32, dims);
    }

    public Value parameter(String paramName, Initializer init, DType dtype, int... dims) {
        return copySource(OpCode.PARAMETER, new Attrs.Init(init), new TensorType(dtype, Shape.of(dims)), paramName,
                callerOrigin());
    }

    /** Persistent, untrained state (optimizer moments, step counts), f32 or f64. */
    public Value state(String stateName, Initializer init, DType dtype, int... dims) {
        return copySource(OpCode.STATE, new Attrs.Init(init), new TensorType(dtype, Shape.of(dims)), stateName,
                callerOrigin());
    }

    /** A scalar constant. */
    public Value constant(double value, DType dtype) {
        return constant(new TensorType(dtype, Shape.SCALAR), value);
    }

    /** A constant of any shape: one value (broadcast) or one per element, row-major. */
    public Value constant(TensorType type, double... values) {
        return copySource(OpCode.CONSTANT, new Attrs.Constant(values), type, null, callerOrigin());
    }

    /** Declares a source node directly, with its origin in text form (null for none): the parser's entry. */
    public Value source(OpCode op, Attrs attrs, TensorType type, String nodeName, String origin) {
        return copySource(op, attrs, type, nodeName, Origin.parse(origin));
    }

    /** Declares a source node directly, with its origin as given (null for none): what passes copy nodes with. */
    public Value copySource(OpCode op, Attrs attrs, TensorType type, String nodeName, Origin origin) {
        if (op.kind() != OpCode.Kind.SOURCE) {
            throw new GraphException(op.text() + " is not a source op");
        }
        checkAttrs(op, attrs, nodeName);
        if (op != OpCode.CONSTANT && nodeName == null) {
            throw new GraphException(op.text() + " " + ref(nodes.size()) + ": needs a name");
        }
        if (op == OpCode.PARAMETER && !type.dtype().isFloating()) {
            throw new GraphException("parameter " + nodeName + ": must be floating, got " + type.dtype());
        }
        if (attrs instanceof Attrs.Constant c && c.values().length != 1 && c.values().length != type.shape().size()) {
            throw new GraphException("constant " + type + ": " + c.values().length + " values for "
                    + type.shape().size() + " elements");
        }
        return add(new Node(nodes.size(), op, attrs, List.of(), type, nodeName, origin));
    }

    /**
     * Applies {@code op} to {@code inputs}: the one place every non-source node is made and checked.
     *
     * @param nodeName optional unique name; null for none
     */
    public Value apply(OpCode op, Attrs attrs, String nodeName, Value... inputs) {
        return copyApply(op, attrs, nodeName, callerOrigin(), inputs);
    }

    /** As {@link #apply(OpCode, Attrs, String, Value...)} with the origin in text form (null for none). */
    public Value applyAt(OpCode op, Attrs attrs, String nodeName, String origin, Value... inputs) {
        return copyApply(op, attrs, nodeName, Origin.parse(origin), inputs);
    }

    /** As {@link #apply(OpCode, Attrs, String, Value...)} with the origin as given (null for none): for passes. */
    public Value copyApply(OpCode op, Attrs attrs, String nodeName, Origin origin, Value... inputs) {
        String label = nodeName != null ? nodeName : ref(nodes.size());
        if (op.kind() == OpCode.Kind.SOURCE) {
            throw new GraphException(op.text() + " " + label + ": source ops are declared, not applied");
        }
        if (inputs.length != op.arity()) {
            throw new GraphException(op.text() + " " + label + ": takes " + op.arity() + " inputs, got "
                    + inputs.length);
        }
        checkAttrs(op, attrs, label);
        List<Integer> ids = new ArrayList<>(inputs.length);
        List<TensorType> types = new ArrayList<>(inputs.length);
        for (Value v : inputs) {
            if (v.builder() != this) {
                throw new GraphException(op.text() + " " + label + ": input " + v + " belongs to another graph");
            }
            ids.add(v.id());
            types.add(nodes.get(v.id()).type());
        }
        TensorType type = ShapeRules.infer(op, attrs, types, label);
        return add(new Node(nodes.size(), op, attrs, ids, type, nodeName, origin));
    }

    /** Declares a named output. */
    public GraphBuilder output(String outputName, Value value) {
        checkName(outputName, "output");
        if (value.builder() != this) {
            throw new GraphException("output " + outputName + ": value belongs to another graph");
        }
        if (outputs.putIfAbsent(outputName, value.id()) != null) {
            throw new GraphException("duplicate output name '" + outputName + "'");
        }
        return this;
    }

    /** Removes a declared output (its node stays; dead-code elimination may drop it). */
    public GraphBuilder dropOutput(String outputName) {
        if (outputs.remove(outputName) == null) {
            throw new GraphException("graph " + name + " has no output '" + outputName + "'");
        }
        return this;
    }

    /** Declares that a run of the graph stores {@code value} into the parameter or state named {@code target}. */
    public GraphBuilder update(String target, Value value) {
        Integer id = names.get(target);
        if (id == null) {
            throw new GraphException("update " + target + ": no parameter or state of that name");
        }
        Node t = nodes.get(id);
        if (t.op() != OpCode.PARAMETER && t.op() != OpCode.STATE) {
            throw new GraphException("update " + target + ": " + t.ref() + " is " + t.op().text()
                    + ", not a parameter or state");
        }
        if (value.builder() != this) {
            throw new GraphException("update " + target + ": value belongs to another graph");
        }
        TensorType type = nodes.get(value.id()).type();
        if (!type.equals(t.type())) {
            throw new ShapeException("update " + target + ": " + t.type() + " <- " + type + ": types differ");
        }
        if (updates.putIfAbsent(target, value.id()) != null) {
            throw new GraphException("update " + target + ": already updated by %" + updates.get(target));
        }
        return this;
    }

    public Graph build() {
        if (outputs.isEmpty() && updates.isEmpty()) {
            throw new GraphException("graph " + name + " has no outputs");
        }
        return new Graph(name, nodes, outputs, updates);
    }

    /**
     * Runs {@code body} with {@code origin} as the origin of every node it makes without one, instead of the caller's
     * line: autodiff marks each backward node with the forward node it came from this way.
     */
    public <T> T withOrigin(String origin, java.util.function.Supplier<T> body) {
        return withOrigin(origin == null ? null : new Origin.Source(origin), body);
    }

    /** As {@link #withOrigin(String, java.util.function.Supplier)} with a typed origin: a gradient's, an update's. */
    public <T> T withOrigin(Origin origin, java.util.function.Supplier<T> body) {
        Origin outer = originScope;
        originScope = origin;
        try {
            return body.get();
        } finally {
            originScope = outer;
        }
    }

    /** The origin a node made here and now would get: the scope's, else the caller's source line. */
    public String origin() {
        Origin o = callerOrigin();
        return o == null ? null : o.toString();
    }

    /** The handle of an existing node, by id. */
    public Value value(int id) {
        if (id < 0 || id >= nodes.size()) {
            throw new GraphException("graph " + name + " has no node " + ref(id));
        }
        return new Value(this, id);
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    /** Gives node {@code id} a name. Nodes refer to their inputs by id, so renaming never invalidates a consumer. */
    Value rename(int id, String newName) {
        Node n = nodes.get(id);
        if (newName.equals(n.name())) {
            return new Value(this, id);
        }
        checkName(newName, "node");
        claim(newName, id);
        if (n.name() != null) {
            names.remove(n.name());
        }
        nodes.set(id, n.withName(newName));
        return new Value(this, id);
    }

    private Value add(Node n) {
        if (n.name() != null) {
            checkName(n.name(), n.op().text());
            claim(n.name(), n.id());
        }
        nodes.add(n);
        return new Value(this, n.id());
    }

    private void claim(String nodeName, int id) {
        Integer prior = names.putIfAbsent(nodeName, id);
        if (prior != null && prior != id) {
            throw new GraphException("duplicate name '" + nodeName + "': already used by " + ref(prior));
        }
    }

    private static void checkAttrs(OpCode op, Attrs attrs, String label) {
        if (!op.attrsType().isInstance(attrs)) {
            throw new GraphException(op.text() + " " + label + ": expects attributes "
                    + op.attrsType().getSimpleName() + ", got " + attrs);
        }
    }

    private static void checkName(String candidate, String what) {
        if (candidate == null || !NAME.matcher(candidate).matches()) {
            throw new GraphException("invalid " + what + " name '" + candidate
                    + "': use letters, digits, '_' and '.', not starting with a digit");
        }
    }

    /** The first caller outside the graph-building API (builder, values, layers), as {@code File.java:line}. */
    private Origin callerOrigin() {
        if (originScope != null) {
            return originScope;
        }
        return WALKER.walk(frames -> frames
                .filter(f -> !isBuildingApi(f.getClassName()))
                .findFirst()
                .map(f -> (Origin) new Origin.Source(f.getFileName() + ":" + f.getLineNumber()))
                .orElse(null));
    }

    private static boolean isBuildingApi(String className) {
        return className.equals(GraphBuilder.class.getName()) || className.equals(Value.class.getName())
                || className.startsWith("io.chainrule.ir.nn.");
    }

    private static String ref(int id) {
        return "%" + id;
    }

    @Override
    public String toString() {
        return "GraphBuilder[" + name + ", " + nodes.size() + " nodes, outputs " + Arrays.toString(
                outputs.keySet().toArray()) + "]";
    }
}
