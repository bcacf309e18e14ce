package io.chainrule.codegen.lib;

/**
 * Softmax and log-softmax along the middle axis of [outer, n, inner], as the interpreter computes them: in double,
 * the lane's max subtracted before exp (stable for any magnitude), each result rounded once to float. Without a scratch
 * lane, each lane is read in passes (max, then the sum of exponentials, then the results), so exp is evaluated twice
 * per element for softmax; the values are the same as the interpreter's, bit for bit.
 */
public final class Softmax {
    private Softmax() {
    }

    /** exp(x - max) / sum(exp(x - max)) along each lane. */
    public static void softmax(float[] x, float[] out, int outer, int n, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double max = max(x, start, n, inner);
                double sum = sumOfExp(x, start, n, inner, max);
                for (int j = 0, p = start; j < n; j++, p += inner) {
                    out[p] = (float) (Math.exp(x[p] - max) / sum);
                }
            }
        }
    }

    /** (x - max) - log(sum(exp(x - max))) along each lane. */
    public static void logSoftmax(float[] x, float[] out, int outer, int n, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double max = max(x, start, n, inner);
                double logSum = Math.log(sumOfExp(x, start, n, inner, max));
                for (int j = 0, p = start; j < n; j++, p += inner) {
                    out[p] = (float) (x[p] - max - logSum);
                }
            }
        }
    }

    /** The largest of n elements from {@code start} by {@code stride}; NaN if any is NaN, -inf if n is 0. */
    static double max(float[] x, int start, int n, int stride) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0, p = start; j < n; j++, p += stride) {
            max = Math.max(max, x[p]);
        }
        return max;
    }

    /** The sum of exp(x - max) over n elements from {@code start} by {@code stride}, in order. */
    static double sumOfExp(float[] x, int start, int n, int stride, double max) {
        double sum = 0;
        for (int j = 0, p = start; j < n; j++, p += stride) {
            sum += Math.exp(x[p] - max);
        }
        return sum;
    }
}
