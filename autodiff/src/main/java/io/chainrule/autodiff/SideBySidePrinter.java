package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.text.TextPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forward and backward side by side: each forward node on the left, the backward nodes derived from it (by their
 * {@code grad of %N} origin) on the right, so the lesson's "backprop flow" reads row by row from the loss upwards.
 * Optimizer nodes follow, then the updates and outputs.
 */
public final class SideBySidePrinter {
    private static final int MAX_LEFT = 72;

    private SideBySidePrinter() {
    }

    public static String print(Graph graph) {
        Map<Integer, List<Node>> backward = new TreeMap<>();
        List<Node> forward = new ArrayList<>();
        List<Node> update = new ArrayList<>();
        for (Node n : graph.nodes()) {
            switch (Provenance.of(n)) {
                case FORWARD -> forward.add(n);
                case BACKWARD -> backward.computeIfAbsent(Provenance.forwardNode(n).orElseThrow(),
                        k -> new ArrayList<>()).add(n);
                case UPDATE -> update.add(n);
            }
        }
        int width = Math.min(MAX_LEFT, forward.stream().mapToInt(n -> TextPrinter.statement(n).length()).max()
                .orElse(0));
        StringBuilder sb = new StringBuilder("graph ").append(graph.name()).append(" {\n");
        sb.append(row("forward", "backward", width)).append(row("-".repeat(width), "-".repeat(8), width));
        for (Node f : forward) {
            List<Node> derived = backward.getOrDefault(f.id(), List.of());
            sb.append(row(TextPrinter.statement(f), derived.isEmpty() ? "" : TextPrinter.statement(derived.get(0)),
                    width));
            for (Node d : derived.subList(Math.min(1, derived.size()), derived.size())) {
                sb.append(row("", TextPrinter.statement(d), width));
            }
        }
        if (!update.isEmpty()) {
            sb.append("  # update\n");
            update.forEach(n -> sb.append(TextPrinter.line(n)).append('\n'));
        }
        graph.updates().forEach((t, id) -> sb.append("  update ").append(t).append(" <- %").append(id).append('\n'));
        sb.append("  outputs ");
        graph.outputs().forEach((name, id) -> sb.append(name).append("=%").append(id).append(' '));
        return sb.toString().stripTrailing() + "\n}\n";
    }

    private static String row(String left, String right, int width) {
        String l = left.length() > width ? left.substring(0, width - 1) + "~" : left;
        return ("  " + l + " ".repeat(width - l.length()) + " | " + right).stripTrailing() + "\n";
    }
}
