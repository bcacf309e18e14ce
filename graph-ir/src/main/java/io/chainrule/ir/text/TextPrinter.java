package io.chainrule.ir.text;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The readable text IR, one line per node in the spirit of jaxpr and MLIR, which {@link TextParser} reads back into an
 * equal graph:
 * <pre>
 * graph mnist_mlp {
 *   %0 x:f32[100,1,28,28] = input                                   # Models.java:31
 *   %4 fc1:f32[100,120] = matmul %2, %3 {transpose_a=false, transpose_b=true}
 *   %6:f32[100,120] = relu %5
 *   outputs loss=%15
 * }
 * </pre>
 */
public final class TextPrinter {
    private static final int COMMENT_COLUMN = 72;

    private TextPrinter() {
    }

    public static String print(Graph graph) {
        StringBuilder sb = new StringBuilder("graph ").append(graph.name()).append(" {\n");
        for (Node n : graph.nodes()) {
            sb.append(line(n)).append('\n');
        }
        graph.updates().forEach((target, id) -> sb.append("  update ").append(target).append(" <- %").append(id)
                .append('\n'));
        sb.append("  outputs ").append(outputs(graph.outputs())).append("\n}\n");
        return sb.toString();
    }

    /** One node's line, indented, with its origin as a trailing comment. */
    public static String line(Node n) {
        StringBuilder sb = new StringBuilder("  ").append(statement(n));
        if (n.origin() != null) {
            sb.append(" ".repeat(Math.max(1, COMMENT_COLUMN - sb.length()))).append("# ").append(n.origin());
        }
        return sb.toString();
    }

    /** A node as the text IR states it, without indent or origin: {@code %6:f32[100,120] = relu %5}. */
    public static String statement(Node n) {
        StringBuilder sb = new StringBuilder(n.ref());
        if (n.name() != null) {
            sb.append(' ').append(n.name());
        }
        sb.append(':').append(n.type()).append(" = ").append(n.op().text());
        sb.append(n.inputs().stream().map(i -> "%" + i).collect(Collectors.joining(", ", " ", "")).stripTrailing());
        String attrs = AttrText.print(n.attrs());
        if (!attrs.isEmpty()) {
            sb.append(' ').append(attrs);
        }
        return sb.toString();
    }

    private static String outputs(Map<String, Integer> outputs) {
        return outputs.entrySet().stream().map(e -> e.getKey() + "=%" + e.getValue()).collect(Collectors.joining(", "));
    }
}
