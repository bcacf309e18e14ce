/**
 * The graph IR: tensor types, ops and their attributes, immutable graphs made by {@link io.chainrule.ir.GraphBuilder}
 * and the fluent {@link io.chainrule.ir.Value}; the per-element semantics of the elementwise ops, which every backend
 * and constant folding share ({@code ir.scalar}); layers ({@code ir.nn}); the text form and the printers
 * ({@code ir.text}); models written as Java source, read with JavaParser ({@code ir.source}).
 */
module io.chainrule.ir {
    requires com.github.javaparser.core;

    exports io.chainrule.ir;
    exports io.chainrule.ir.nn;
    exports io.chainrule.ir.scalar;
    exports io.chainrule.ir.source;
    exports io.chainrule.ir.text;
}
