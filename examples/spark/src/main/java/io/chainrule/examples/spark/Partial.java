package io.chainrule.examples.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Replicas' tensors summed element by element in double (the sum of a few floats is exact there unless their
 * magnitudes differ by more than 2^29, so the average is the float nearest their mean, and one replica's average is
 * its own values), with their losses: what a synchronization's treeAggregate adds up.
 *
 * @param sums     per tensor of the plan, in its order; empty for the aggregation's zero
 * @param lossSum  the replicas' training losses, summed over their steps
 * @param replicas how many replicas were added
 */
record Partial(List<double[]> sums, double lossSum, int replicas) implements Serializable {

    static Partial zero() {
        return new Partial(List.of(), 0, 0);
    }

    static Partial of(List<float[]> tensors, double lossSum) {
        List<double[]> sums = new ArrayList<>();
        for (float[] t : tensors) {
            double[] d = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                d[i] = t[i];
            }
            sums.add(d);
        }
        return new Partial(sums, lossSum, 1);
    }

    Partial plus(Partial other) {
        if (replicas == 0 || other.replicas == 0) {
            return replicas == 0 ? other : this;
        }
        List<double[]> added = new ArrayList<>();
        for (int t = 0; t < sums.size(); t++) {
            double[] a = sums.get(t);
            double[] b = other.sums.get(t);
            double[] c = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i] + b[i];
            }
            added.add(c);
        }
        return new Partial(added, lossSum + other.lossSum, replicas + other.replicas);
    }

    /** Each tensor's mean over the replicas, rounded once to float. */
    List<float[]> averages() {
        List<float[]> out = new ArrayList<>();
        for (double[] s : sums) {
            float[] f = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                f[i] = (float) (s[i] / replicas);
            }
            out.add(f);
        }
        return out;
    }
}
