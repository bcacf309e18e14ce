package io.chainrule.runtime.kernels;

/**
 * Softmax and log-softmax along the middle axis of [outer, n, inner], for both backends, over outer indices
 * [from, to) (all of them for the interpreter; a compiled step may share them between threads): in double, the lane's
 * max subtracted before exp (stable for any magnitude), each result rounded once to the output's type. Without a
 * scratch lane, each lane is read in passes (max, then the sum of exponentials, then the results), so exp is evaluated
 * twice per element for softmax. The f64 overloads (the interpreter's float64 graphs) differ only in the array type:
 * Java has no generics over primitive arrays.
 */
public final class Softmax {
    private Softmax() {
    }

    /** exp(x - max) / sum(exp(x - max)) along each lane. */
    public static void softmax(float[] x, float[] out, int from, int to, int n, int inner) {
        for (int o = from; o < to; o++) {
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
    public static void logSoftmax(float[] x, float[] out, int from, int to, int n, int inner) {
        for (int o = from; o < to; o++) {
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

    /** As the f32 softmax. */
    public static void softmax(double[] x, double[] out, int from, int to, int n, int inner) {
        for (int o = from; o < to; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double max = max(x, start, n, inner);
                double sum = sumOfExp(x, start, n, inner, max);
                for (int j = 0, p = start; j < n; j++, p += inner) {
                    out[p] = Math.exp(x[p] - max) / sum;
                }
            }
        }
    }

    /** As the f32 log-softmax. */
    public static void logSoftmax(double[] x, double[] out, int from, int to, int n, int inner) {
        for (int o = from; o < to; o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * n * inner + i;
                double max = max(x, start, n, inner);
                double logSum = Math.log(sumOfExp(x, start, n, inner, max));
                for (int j = 0, p = start; j < n; j++, p += inner) {
                    out[p] = x[p] - max - logSum;
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

    static double max(double[] x, int start, int n, int stride) {
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

    static double sumOfExp(double[] x, int start, int n, int stride, double max) {
        double sum = 0;
        for (int j = 0, p = start; j < n; j++, p += stride) {
            sum += Math.exp(x[p] - max);
        }
        return sum;
    }
}
