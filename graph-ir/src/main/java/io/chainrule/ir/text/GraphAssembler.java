package io.chainrule.ir.text;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of a file into a graph: checks ids, names and references, orders the nodes topologically and builds
 * them through {@link GraphBuilder}, so a parsed graph passes every check a graph built in code does. Nodes are
 * renumbered by their position in that order.
 */
final class GraphAssembler {
    private GraphAssembler() {
    }

    static Graph assemble(Token graphName, List<NodeDecl> nodes, List<OutputDecl> outputs,
                          List<OutputDecl> updates) {
        Map<Integer, NodeDecl> byId = index(nodes);
        checkReferences(nodes, outputs, byId);
        checkReferences(List.of(), updates, byId);
        GraphBuilder builder = builder(graphName);
        Map<Integer, Value> values = new HashMap<>();
        for (NodeDecl d : TopologicalOrder.of(byId)) {
            values.put(d.id().id(), build(builder, d, values));
        }
        for (OutputDecl o : outputs) {
            try {
                builder.output(o.name().text(), values.get(o.ref().id()));
            } catch (GraphException e) {
                throw GraphParseException.at(o.name(), e);
            }
        }
        for (OutputDecl u : updates) {
            try {
                builder.update(u.name().text(), values.get(u.ref().id()));
            } catch (GraphException e) {
                throw GraphParseException.at(u.name(), e);
            }
        }
        return builder.build();
    }

    /** The nodes by id, failing on a repeated id or name. */
    private static Map<Integer, NodeDecl> index(List<NodeDecl> nodes) {
        Map<Integer, NodeDecl> byId = new LinkedHashMap<>();
        Map<String, NodeDecl> byName = new HashMap<>();
        for (NodeDecl d : nodes) {
            NodeDecl prior = byId.putIfAbsent(d.id().id(), d);
            if (prior != null) {
                throw GraphParseException.at(d.id().token(), "duplicate id " + d.id() + " (first declared at line "
                        + prior.id().token().line() + ")");
            }
            NodeDecl sameName = d.name() == null ? null : byName.putIfAbsent(d.name().text(), d);
            if (sameName != null) {
                throw GraphParseException.at(d.name(), "duplicate name '" + d.name().text() + "' (already used by "
                        + sameName.id() + " at line " + sameName.id().token().line() + ")");
            }
        }
        return byId;
    }

    private static void checkReferences(List<NodeDecl> nodes, List<OutputDecl> outputs, Map<Integer, NodeDecl> byId) {
        for (NodeDecl d : nodes) {
            d.inputs().forEach(in -> checkDefined(in, byId));
        }
        outputs.forEach(o -> checkDefined(o.ref(), byId));
    }

    private static void checkDefined(Ref ref, Map<Integer, NodeDecl> byId) {
        if (!byId.containsKey(ref.id())) {
            throw GraphParseException.at(ref.token(), "undefined reference " + ref);
        }
    }

    private static GraphBuilder builder(Token graphName) {
        try {
            return new GraphBuilder(graphName.text());
        } catch (GraphException e) {
            throw GraphParseException.at(graphName, e);
        }
    }

    /** Builds one node whose inputs are built, then holds it to its declared type. */
    private static Value build(GraphBuilder builder, NodeDecl d, Map<Integer, Value> values) {
        OpCode op = d.op();
        if (d.inputs().size() != op.arity()) {
            throw GraphParseException.at(d.opToken(), op.text() + " takes " + count(op.arity()) + ", got "
                    + d.inputs().size());
        }
        Value v;
        try {
            v = op.kind() == OpCode.Kind.SOURCE
                    ? builder.source(op, d.attrs(), d.type(), text(d.name()), d.origin())
                    : builder.applyAt(op, d.attrs(), text(d.name()), d.origin(),
                            d.inputs().stream().map(in -> values.get(in.id())).toArray(Value[]::new));
        } catch (GraphException | IllegalArgumentException e) {
            throw GraphParseException.at(d.opToken(), e);
        }
        if (!v.node().type().equals(d.type())) {
            throw GraphParseException.at(d.typeToken(), "declared type " + d.type() + " but " + op.text()
                    + " infers " + v.node().type());
        }
        return v;
    }

    private static String count(int inputs) {
        return inputs == 1 ? "1 input" : inputs + " inputs";
    }

    private static String text(Token token) {
        return token == null ? null : token.text();
    }
}
