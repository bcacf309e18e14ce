package io.chainrule.runtime.kernels;

/** The views the kernels take of a shape: [outer, n, inner] around a block of axes, and reduction output strides. */
final class Views {
    private Views() {
    }

    static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The product of dims[from, to). */
    static int product(int[] dims, int from, int to) {
        int n = 1;
        for (int d = from; d < to; d++) {
            n *= dims[d];
        }
        return n;
    }

    /** Row-major strides of the kept axes, 0 on the reduced ones: what the emitter passes to the strided reductions. */
    static int[] outStrides(int[] dims, boolean[] reduced) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (!reduced[d]) {
                strides[d] = stride;
                stride *= dims[d];
            }
        }
        return strides;
    }
}
