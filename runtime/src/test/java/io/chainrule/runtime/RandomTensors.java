package io.chainrule.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random shapes (dims 1 to 5, so that checks stay fast) and f64 values for gradient cases. */
final class RandomTensors {
    private static final int MAX_DIM = 5;
    /** Gap between the values {@link #spread} draws: a max or maximum never has two candidates within a step. */
    private static final double SPREAD_GAP = 0.3;

    private final SplittableRandom rng;

    RandomTensors(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    int dim() {
        return rng.nextInt(1, MAX_DIM + 1);
    }

    boolean coin() {
        return rng.nextBoolean();
    }

    /** One of 0..n-1. */
    int index(int n) {
        return rng.nextInt(n);
    }

    double between(double low, double high) {
        return rng.nextDouble(low, high);
    }

    int[] shape(int minRank, int maxRank) {
        int[] dims = new int[rng.nextInt(minRank, maxRank + 1)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dim();
        }
        return dims;
    }

    /** A shape that NumPy broadcasting takes to {@code out}: a suffix of it, some dims replaced by 1. */
    int[] broadcastableTo(int[] out) {
        int rank = rng.nextInt(0, out.length + 1);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = coin() ? 1 : out[out.length - rank + i];
        }
        return dims;
    }

    /** Another shape of rank 1 to 3 with as many elements: the prime factors of the dims dealt out at random. */
    int[] sameSize(int[] dims) {
        int[] out = new int[rng.nextInt(1, 4)];  // rank 1 to 3
        Arrays.fill(out, 1);
        for (int d : dims) {
            for (int factor : primeFactors(d)) {
                out[rng.nextInt(out.length)] *= factor;
            }
        }
        return out;
    }

    private static List<Integer> primeFactors(int n) {
        List<Integer> factors = new ArrayList<>();
        for (int p = 2; n > 1; p++) {
            for (; n % p == 0; n /= p) {
                factors.add(p);
            }
        }
        return factors;
    }

    /** A random permutation of 0..n-1. */
    int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** An axis of a rank-{@code rank} shape, given negative (from the end) half of the time. */
    int axis(int index, int rank) {
        return coin() ? index : index - rank;
    }

    Tensor uniform(int[] dims, double low, double high) {
        double[] v = new double[size(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = between(low, high);
        }
        return Tensor.of(v, dims);
    }

    /** Values with |x| in [min, max] and a random sign: away from a kink at 0. */
    Tensor awayFromZero(int[] dims, double min, double max) {
        Tensor t = uniform(dims, min, max);
        double[] v = t.doubles();
        for (int i = 0; i < v.length; i++) {
            v[i] = coin() ? v[i] : -v[i];
        }
        return t;
    }

    /** Tensors whose elements, all of them together, are distinct and at least 2/3 of the gap apart. */
    Tensor[] spread(int[]... shapes) {
        int n = 0;
        for (int[] dims : shapes) {
            n += size(dims);
        }
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = (i - n / 2.0) * SPREAD_GAP + between(-SPREAD_GAP / 6, SPREAD_GAP / 6);
        }
        shuffle(all);
        Tensor[] out = new Tensor[shapes.length];
        for (int t = 0, from = 0; t < shapes.length; from += size(shapes[t]), t++) {
            out[t] = Tensor.of(Arrays.copyOfRange(all, from, from + size(shapes[t])), shapes[t]);
        }
        return out;
    }

    /** i32 class labels in [0, classes). */
    Tensor labels(int n, int classes) {
        return Tensor.of(rng.ints(n, 0, classes).toArray(), n);
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void shuffle(double[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
