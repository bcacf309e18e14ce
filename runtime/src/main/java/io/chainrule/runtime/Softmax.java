package io.chainrule.runtime;

/** Softmax and log-softmax along an axis, stable for any magnitude: the lane's max is subtracted before exp. */
final class Softmax {
    private Softmax() {
    }

    /** exp(x - max) / sum(exp(x - max)). */
    static Tensor softmax(Tensor x, int axis) {
        return perLane(x, axis, false);
    }

    /** x - max - log(sum(exp(x - max))). */
    static Tensor logSoftmax(Tensor x, int axis) {
        return perLane(x, axis, true);
    }

    private static Tensor perLane(Tensor x, int axis, boolean log) {
        Lanes lanes = Lanes.along(x.shape(), axis);
        Tensor out = Tensor.zeros(x.type());
        double[] v = new double[lanes.length()];
        for (int lane = 0; lane < lanes.count(); lane++) {
            lanes.load(x, lane, v);
            if (log) {
                logSoftmaxInPlace(v);
            } else {
                softmaxInPlace(v);
            }
            lanes.store(v, out, lane);
        }
        return out;
    }

    /** Replaces v by its log-softmax, (v - max) - log(sum(exp(v - max))). */
    static void logSoftmaxInPlace(double[] v) {
        double max = max(v);
        double sum = 0;
        for (double e : v) {
            sum += Math.exp(e - max);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < v.length; j++) {
            v[j] = v[j] - max - logSum;
        }
    }

    private static void softmaxInPlace(double[] v) {
        double max = max(v);
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.exp(v[j] - max);
            sum += v[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= sum;
        }
    }

    private static double max(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : v) {
            max = Math.max(max, e);
        }
        return max;
    }
}
