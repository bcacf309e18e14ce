package io.chainrule.runtime.checkpoint;

import io.chainrule.ir.TensorType;

/**
 * One tensor as a header describes it: its name, its dtype in the file, the type it is read into (or written from)
 * and the bytes {@code [begin, end)} of the data section.
 */
record HeaderEntry(String name, SafeTensorsDtype stored, TensorType type, long begin, long end) {
}
