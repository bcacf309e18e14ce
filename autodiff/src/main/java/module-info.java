/**
 * Graph transforms: reverse-mode differentiation ({@link io.chainrule.autodiff.Gradients}), simplification,
 * optimizers and learning-rate schedules as update subgraphs, and the training graph that holds them all.
 */
module io.chainrule.autodiff {
    requires transitive io.chainrule.ir;

    exports io.chainrule.autodiff;
}
