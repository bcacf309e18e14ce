package io.chainrule.runtime.data;

/** What a {@link Dataset}'s targets are. */
public enum TargetKind {
    /** Class labels, i32, 0 or more: classification. */
    LABELS,
    /** Real values, f32, one or more per example: regression. */
    VALUES
}
