package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.text.DotPrinter;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/** DOT styles that set the backward pass and the optimizer updates apart from the forward pass. */
public final class BackwardStyle {
    /** Fill colours for forward ops (ColorBrewer's Set3 and Pastel1), none of them a source's default colour. */
    static final List<String> PALETTE = List.of("#8dd3c7", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
            "#bebada", "#ffed6f", "#ccebc5", "#bc80bd", "#decbe4", "#fed9a6");

    private BackwardStyle() {
    }

    /** Backward nodes in rose, update nodes in lavender, forward nodes as {@link DotPrinter#defaultStyle(Node)}. */
    public static DotPrinter.NodeStyle of(Node n) {
        DotPrinter.NodeStyle base = DotPrinter.defaultStyle(n);
        return switch (Provenance.of(n)) {
            case FORWARD -> base;
            case BACKWARD -> base.withFillColor("mistyrose");
            case UPDATE -> base.withFillColor("lavender");
        };
    }

    /**
     * Each backward node in the colour of the forward node it came from (its {@code grad of %N} origin), with a dashed
     * outline: forward ops take colours from a palette in graph order, inputs, parameters, state and constants keep
     * their own; update nodes are lavender. So the picture shows which forward op each part of the backward pass
     * differentiates.
     */
    public static Function<Node, DotPrinter.NodeStyle> byForwardNode(Graph graph) {
        DotPrinter.NodeStyle[] styles = new DotPrinter.NodeStyle[graph.size()];
        int colours = 0;
        for (Node n : graph.nodes()) {
            DotPrinter.NodeStyle base = DotPrinter.defaultStyle(n);
            styles[n.id()] = switch (Provenance.of(n)) {
                case FORWARD -> n.op().kind() == OpCode.Kind.SOURCE ? base
                        : base.withFillColor(PALETTE.get(colours++ % PALETTE.size()));
                case BACKWARD -> dashed(base.withFillColor(forwardColour(n, styles)));
                case UPDATE -> base.withFillColor("lavender");
            };
        }
        return n -> styles[n.id()];
    }

    /** The colour of the node {@code n} was derived from; rose when that node is not an earlier one. */
    private static String forwardColour(Node n, DotPrinter.NodeStyle[] styles) {
        OptionalInt from = Provenance.forwardNode(n);
        return from.isPresent() && from.getAsInt() < n.id() ? styles[from.getAsInt()].fillColor() : "mistyrose";
    }

    private static DotPrinter.NodeStyle dashed(DotPrinter.NodeStyle s) {
        return new DotPrinter.NodeStyle(s.shape(), s.style() + ",dashed", s.fillColor(), s.fontSize());
    }
}
