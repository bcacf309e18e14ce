package io.chainrule.runtime.checkpoint;

import io.chainrule.ir.TensorType;

/** One tensor as a header describes it: its name, type and the bytes {@code [begin, end)} of the data section. */
record HeaderEntry(String name, TensorType type, long begin, long end) {
}
