package io.chainrule.codegen;

import io.chainrule.codegen.kernels.Gemm;
import io.chainrule.codegen.kernels.GemmScratch;

/**
 * Runs the Vector API product tiles on small products of its own, once per JVM, on a daemon thread started when the
 * compiled backend is first used, so that C2 has compiled them by the time the first training step needs them. Until
 * then they run in the interpreter and C1, where every vector is an object: the MNIST MLP's first epoch took 4.4-11.5x
 * a steady one. Small calls reach C2's thresholds (about 5,000 calls, fewer with loops inside) in a fraction of the
 * time the step's large products take, while the main thread builds and compiles the training graph.
 *
 * <p>The products read and write only this class's arrays and scratch, and the kernels hold no state between calls,
 * so a step's results do not depend on whether, or how far, the warm-up ran. {@code -Dchainrule.warmup=false} turns
 * it off.
 */
final class KernelWarmup {
    static final String PROPERTY = "chainrule.warmup";
    static final String THREAD_NAME = "chainrule-kernel-warmup";
    /**
     * Calls of each layout at each width. The narrowest tiles pass C2's threshold (about 15,000 calls and loop
     * iterations) after about 400; the margin covers C2's thresholds growing with its queue, and later calls are cheap.
     */
    private static final int ROUNDS = 1000;
    private static final System.Logger LOG = System.getLogger("io.chainrule.codegen");
    private static final Thread THREAD = start(System.getProperty(PROPERTY), Gemm.usesVectorApi());

    private KernelWarmup() {
    }

    /** The warm-up's thread, started once per JVM when this class is initialized; null when off or not needed. */
    static Thread thread() {
        return THREAD;
    }

    /**
     * A started warm-up thread, or null: when products do not run on the Vector API (the plain-Java kernels are
     * compiled soon enough), or when {@code property} is "false".
     */
    static Thread start(String property, boolean vectorApi) {
        if (!vectorApi || !enabled(property)) {
            return null;
        }
        Thread thread = new Thread(KernelWarmup::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The property's value read: unset or "true" is on, "false" off; anything else is off, with a warning. */
    static boolean enabled(String property) {
        if (property == null || property.equals("true")) {
            return true;
        }
        if (!property.equals("false")) {
            LOG.log(System.Logger.Level.WARNING, message(property));
        }
        return false;
    }

    static String message(String property) {
        return "-D" + PROPERTY + " must be true or false, got '" + property + "'; the kernel warm-up is off";
    }

    /**
     * Every layout a training step uses (NT with bias and relu, NT with bias, TN, NN) on shapes that run every tile
     * and transpose ({@link Gemm#shapesRunningEveryTile}), taken in turn each round, so that every kernel's calls
     * start at once rather than the last shape's after the others' have all been made.
     */
    static void run() {
        long start = System.nanoTime();
        int[][] shapes = Gemm.shapesRunningEveryTile();
        float[][][] operands = new float[shapes.length][][];
        for (int s = 0; s < shapes.length; s++) {
            int m = shapes[s][0];
            int n = shapes[s][1];
            int k = shapes[s][2];
            operands[s] = new float[][] {new float[m * k], new float[n * k], new float[m * n], new float[n]};
        }
        try (GemmScratch scratch = new GemmScratch(1)) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int s = 0; s < shapes.length; s++) {
                    int m = shapes[s][0];
                    int n = shapes[s][1];
                    int k = shapes[s][2];
                    float[] a = operands[s][0];
                    float[] b = operands[s][1];
                    float[] c = operands[s][2];
                    float[] bias = operands[s][3];
                    Gemm.nt(a, b, c, m, n, k, bias, Gemm.RELU, scratch);
                    Gemm.nt(a, b, c, m, n, k, bias, 0, scratch);
                    Gemm.tn(a, b, c, m, n, k, null, 0, scratch);
                    Gemm.nn(a, b, c, m, n, k, null, 0, scratch);
                }
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "kernel warm-up: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
