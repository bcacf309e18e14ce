package io.chainrule.autodiff;

import io.chainrule.ir.Node;
import io.chainrule.ir.text.DotPrinter;

/** DOT styles that set the backward pass and the optimizer updates apart from the forward pass. */
public final class BackwardStyle {
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
}
