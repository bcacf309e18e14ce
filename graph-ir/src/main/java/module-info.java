/**
 * The graph IR: tensor types, ops and their attributes, immutable graphs made by {@link io.chainrule.ir.GraphBuilder}
 * and the fluent {@link io.chainrule.ir.Value}; layers ({@code ir.nn}); the text form and the printers
 * ({@code ir.text}).
 */
module io.chainrule.ir {
    exports io.chainrule.ir;
    exports io.chainrule.ir.nn;
    exports io.chainrule.ir.text;
}
