package io.chainrule.ir.text;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The graph as Graphviz DOT, to look at ({@code dot -Tsvg mnist_mlp.dot -o mnist_mlp.svg}). Ops are rounded boxes
 * labelled with the op, the node's name and its attributes in brief; each edge is labelled with the type of the value
 * it carries; inputs, parameters, state and constants are styled apart, every graph output is an extra node of its
 * own, and each update is a dashed edge from the new value back to the parameter or state it replaces.
 * Nodes are written in id order, each followed by its incoming edges, so the same graph always prints the same text.
 * A style function can set some nodes apart, e.g. the backward pass:
 * <pre>
 * DotPrinter.print(g, n -&gt; isBackward(n) ? DotPrinter.defaultStyle(n).withFillColor("mistyrose")
 *                                        : DotPrinter.defaultStyle(n));
 * </pre>
 */
public final class DotPrinter {
    /**
     * How one node is drawn.
     *
     * @param shape     a Graphviz node shape, such as {@code box} or {@code ellipse}
     * @param style     a Graphviz node style, such as {@code rounded,filled}
     * @param fillColor a Graphviz colour name or {@code #rrggbb}
     * @param fontSize  the label's font size in points
     */
    public record NodeStyle(String shape, String style, String fillColor, int fontSize) {
        public static final NodeStyle OP = new NodeStyle("box", "rounded,filled", "white", 11);
        public static final NodeStyle INPUT = new NodeStyle("ellipse", "filled", "lightblue", 11);
        public static final NodeStyle PARAMETER = new NodeStyle("box", "filled", "lightyellow", 11);
        public static final NodeStyle STATE = new NodeStyle("box", "filled", "wheat", 10);
        public static final NodeStyle CONSTANT = new NodeStyle("box", "filled", "lightgrey", 8);
        public static final NodeStyle OUTPUT = new NodeStyle("invhouse", "filled", "palegreen", 11);

        public NodeStyle {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(fillColor, "fillColor");
        }

        /** This style with another fill colour. */
        public NodeStyle withFillColor(String color) {
            return new NodeStyle(shape, style, color, fontSize);
        }
    }

    private DotPrinter() {
    }

    public static String print(Graph graph) {
        return print(graph, DotPrinter::defaultStyle);
    }

    /** As {@link #print(Graph)}, drawing each node as {@code style} says. */
    public static String print(Graph graph, Function<? super Node, NodeStyle> style) {
        StringBuilder sb = new StringBuilder("digraph ").append(quote(graph.name())).append(" {\n");
        sb.append("  graph [rankdir=TB, fontname=\"Helvetica\"];\n");
        sb.append("  node [fontname=\"Helvetica\"];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"gray40\"];\n");
        for (Node n : graph.nodes()) {
            NodeStyle s = Objects.requireNonNull(style.apply(n), () -> "no style for node " + n.label());
            sb.append(nodeLine("n" + n.id(), label(n), s, n.origin()));
            for (int input : n.inputs()) {
                sb.append(edgeLine("n" + input, "n" + n.id(), graph.node(input)));
            }
        }
        int i = 0;
        for (Map.Entry<String, Integer> out : graph.outputs().entrySet()) {
            String id = "out" + i++;
            sb.append(nodeLine(id, out.getKey(), NodeStyle.OUTPUT, null));
            sb.append(edgeLine("n" + out.getValue(), id, graph.node(out.getValue())));
        }
        graph.updates().forEach((target, id) -> sb.append("  n").append(id).append(" -> n")
                .append(graph.find(target).orElseThrow().id())
                .append(" [label=\"update\", style=dashed, color=\"gray60\", constraint=false];\n"));
        return sb.append("}\n").toString();
    }

    /** Inputs, parameters and constants each have their own style; every other node is an op. */
    public static NodeStyle defaultStyle(Node node) {
        return switch (node.op()) {
            case INPUT -> NodeStyle.INPUT;
            case PARAMETER -> NodeStyle.PARAMETER;
            case STATE -> NodeStyle.STATE;
            case CONSTANT -> NodeStyle.CONSTANT;
            default -> NodeStyle.OP;
        };
    }

    private static String nodeLine(String id, String label, NodeStyle s, String tooltip) {
        StringBuilder sb = new StringBuilder("  ").append(id).append(" [label=").append(quote(label))
                .append(", shape=").append(quote(s.shape())).append(", style=").append(quote(s.style()))
                .append(", fillcolor=").append(quote(s.fillColor())).append(", fontsize=").append(s.fontSize());
        if (tooltip != null) {
            sb.append(", tooltip=").append(quote(tooltip));
        }
        return sb.append("];\n").toString();
    }

    private static String edgeLine(String from, String to, Node producer) {
        return "  " + from + " -> " + to + " [label=" + quote(producer.type().toString()) + "];\n";
    }

    /** Sources show what they are (a name, a value); ops show the op, then the name and attributes if any. */
    static String label(Node n) {
        return switch (n.op()) {
            case INPUT -> n.name();
            case PARAMETER, STATE -> n.name() + "\n" + AttrText.value(n.attrs(Attrs.Init.class).init());
            case CONSTANT -> constant(n.attrs(Attrs.Constant.class).values());
            default -> {
                List<String> lines = new ArrayList<>(List.of(n.op().text()));
                if (n.name() != null) {
                    lines.add(n.name());
                }
                String attrs = briefAttrs(n.attrs());
                if (!attrs.isEmpty()) {
                    lines.add(attrs);
                }
                yield String.join("\n", lines);
            }
        };
    }

    private static String constant(double[] values) {
        return values.length == 1 ? AttrText.value(values[0]) : values.length + " values";
    }

    /** Like the text IR's attributes, but flags only by name and only when set: {@code transpose_b}. */
    static String briefAttrs(Attrs attrs) {
        if (attrs instanceof Attrs.None) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : attrs.getClass().getRecordComponents()) {
            Object v = AttrText.read(c, (Record) attrs);
            String key = AttrText.snake(c.getName());
            if (v instanceof Boolean flag) {
                if (flag) {
                    parts.add(key);
                }
            } else {
                parts.add(key + "=" + AttrText.value(v));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * A DOT double-quoted string. Inside one, {@code \"} is the only lexical escape, and Graphviz reads backslash
     * sequences in labels as its own escapes ({@code \n}, {@code \N}, ...), so backslashes are doubled too.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
