package io.chainrule.runtime.kernels;

import java.util.Arrays;

/**
 * How {@link Reduce} is called for a reduction of a row-major shape over a set of axes, for both backends (the
 * interpreter at run time, the compiler as constants): axes that form one contiguous block view the input as
 * [outer, n, inner] for the contiguous kernels; any other set takes the strided kernels with {@link #outStrides()}.
 *
 * @param inDims the input's dimensions
 * @param axes   the reduced axes, sorted and distinct; all of them when the reduction is over everything
 */
public record ReductionLayout(int[] inDims, int[] axes) {
    public ReductionLayout {
        inDims = inDims.clone();
        axes = axes.clone();
    }

    /** Whether the reduced axes are one block of neighbours (or none), so that the contiguous kernels apply. */
    public boolean contiguous() {
        return axes.length == 0 || axes[axes.length - 1] - axes[0] == axes.length - 1;
    }

    /** The product of the dimensions before the reduced block. */
    public int outer() {
        return product(0, axes.length == 0 ? 0 : axes[0]);
    }

    /** The product of the reduced block's dimensions. */
    public int n() {
        return axes.length == 0 ? product(0, inDims.length) : product(axes[0], axes[axes.length - 1] + 1);
    }

    /** The product of the dimensions after the reduced block. */
    public int inner() {
        return axes.length == 0 ? 1 : product(axes[axes.length - 1] + 1, inDims.length);
    }

    /** Row-major strides of the kept axes in the output, 0 on the reduced ones: the strided kernels' argument. */
    public int[] outStrides() {
        int[] strides = new int[inDims.length];
        int stride = 1;
        for (int d = inDims.length - 1; d >= 0; d--) {
            if (Arrays.binarySearch(axes, d) < 0) {
                strides[d] = stride;
                stride *= inDims[d];
            }
        }
        return strides;
    }

    /** The number of inputs each output folds (what a mean divides by); 0 when there are no outputs. */
    public int count() {
        int outputs = 1;
        for (int d = 0; d < inDims.length; d++) {
            outputs *= Arrays.binarySearch(axes, d) < 0 ? inDims[d] : 1;
        }
        return outputs == 0 ? 0 : product(0, inDims.length) / outputs;
    }

    private int product(int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= inDims[d];
        }
        return p;
    }
}
