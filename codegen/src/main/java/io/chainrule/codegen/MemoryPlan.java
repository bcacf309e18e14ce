package io.chainrule.codegen;

import io.chainrule.ir.DType;
import java.util.List;

/**
 * Where every value of a compiled step lives. Buffers are Java arrays (each its own, so that loops index every array
 * alike, which C2 can vectorize): fed buffers are the caller's tensors, constant buffers are filled once at compile
 * time, temporary buffers are allocated once per compiled step and reused by values whose lifetimes do not overlap.
 *
 * @param buffers    every buffer; a buffer's slot indexes the step's float[][] or int[][] argument by its dtype
 * @param nodeBuffer for each node, the index in {@code buffers} holding its value, or -1 (inlined, or a literal)
 * @param copies     updates that cannot be computed in place, copied into their parameter or state after the step
 */
record MemoryPlan(List<Buffer> buffers, int[] nodeBuffer, List<Copy> copies, long naiveTempBytes) {

    enum Kind {
        FED, CONSTANT, TEMP
    }

    /** One array: {@code slot} is its index among the step's arrays of its dtype. */
    record Buffer(int index, Kind kind, DType dtype, int slot, int capacity, String label) {
    }

    /** {@code length} elements of buffer {@code from} into buffer {@code to}. */
    record Copy(int from, int to, int length) {
    }

    Buffer bufferOf(int node) {
        int b = nodeBuffer[node];
        if (b < 0) {
            throw new IllegalStateException("node %" + node + " has no buffer");
        }
        return buffers.get(b);
    }

    long tempBytes() {
        return buffers.stream().filter(b -> b.kind() == Kind.TEMP)
                .mapToLong(b -> (long) b.capacity() * b.dtype().byteSize()).sum();
    }

    int slots(DType dtype) {
        return (int) buffers.stream().filter(b -> b.dtype() == dtype).count();
    }
}
