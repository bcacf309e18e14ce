package io.chainrule.runtime;

import io.chainrule.ir.Shape;
import java.util.Arrays;

/**
 * Row-major iteration over a shape for kernels that read or write several operands through strides: stride 0 on a
 * broadcast axis, permuted strides for a transpose, 0 on the reduced axes of a reduction's output.
 * <p>
 * Axes are merged first wherever every operand steps through them contiguously, so same-shape operands become one
 * long row, as does a scalar (stride 0) against anything: those are the fast paths. Otherwise the outer axes are
 * walked with an odometer and each kernel runs the innermost axis as a tight loop. Usage:
 * {@code while (w.next()) { for (int j = 0; j < w.rowLength(); j++) ... w.offset(k) + j * w.rowStride(k) ... }}.
 */
final class StridedWalk {
    private final int[] dims;
    private final int[][] strides;
    private final int[] counter;
    private final int[] offsets;
    private long rowsLeft;
    private boolean started;

    private StridedWalk(int[] dims, int[][] strides) {
        this.dims = dims;
        this.strides = strides;
        this.counter = new int[dims.length];
        this.offsets = new int[strides.length];
        long rows = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            rows *= dims[i];
        }
        this.rowsLeft = rowLength() == 0 ? 0 : rows;
    }

    /** A walk over {@code dims} with one stride vector (of the same rank) per operand. */
    static StridedWalk of(int[] dims, int[]... strides) {
        int[] mergedDims = new int[Math.max(dims.length, 1)];
        int[][] merged = new int[strides.length][mergedDims.length];
        mergedDims[0] = 1;
        int m = 0;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue; // moves no operand
            }
            boolean extend = m > 0 && contiguous(strides, merged, m - 1, d, dims[d]);
            int target = extend ? m - 1 : m++;
            mergedDims[target] = extend ? mergedDims[target] * dims[d] : dims[d];
            for (int k = 0; k < strides.length; k++) {
                merged[k][target] = strides[k][d];
            }
        }
        int kept = Math.max(m, 1);
        int[][] trimmed = new int[strides.length][];
        for (int k = 0; k < strides.length; k++) {
            trimmed[k] = Arrays.copyOf(merged[k], kept);
        }
        return new StridedWalk(Arrays.copyOf(mergedDims, kept), trimmed);
    }

    /** Whether axis {@code d} continues merged axis {@code m} for every operand: outer stride = inner stride * extent. */
    private static boolean contiguous(int[][] strides, int[][] merged, int m, int d, int extent) {
        for (int k = 0; k < strides.length; k++) {
            if (merged[k][m] != strides[k][d] * extent) {
                return false;
            }
        }
        return true;
    }

    /** Row-major strides of {@code operand} read as {@code target} under NumPy broadcasting: 0 where it repeats. */
    static int[] broadcastStrides(Shape operand, Shape target) {
        int[] own = operand.strides();
        int[] out = new int[target.rank()];
        int shift = target.rank() - operand.rank();
        for (int d = 0; d < operand.rank(); d++) {
            out[d + shift] = operand.dim(d) == 1 ? 0 : own[d];
        }
        return out;
    }

    int rowLength() {
        return dims[dims.length - 1];
    }

    int rowStride(int operand) {
        return strides[operand][dims.length - 1];
    }

    /** The start of the current row in {@code operand}. */
    int offset(int operand) {
        return offsets[operand];
    }

    /** Moves to the next row (the first, on the first call); false when every row has been visited. */
    boolean next() {
        if (rowsLeft == 0) {
            return false;
        }
        rowsLeft--;
        if (started) {
            advance();
        }
        started = true;
        return true;
    }

    private void advance() {
        for (int d = dims.length - 2; d >= 0; d--) {
            counter[d]++;
            for (int k = 0; k < offsets.length; k++) {
                offsets[k] += strides[k][d];
            }
            if (counter[d] < dims[d]) {
                return;
            }
            counter[d] = 0;
            for (int k = 0; k < offsets.length; k++) {
                offsets[k] -= strides[k][d] * dims[d];
            }
        }
    }
}
