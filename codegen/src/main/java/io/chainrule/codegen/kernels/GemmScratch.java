package io.chainrule.codegen.kernels;

import java.util.Arrays;

/**
 * Working memory and threads for {@link Gemm}: transposed copies of B for the NT and TT layouts; for the plain-Java
 * path B's rows as separate arrays (loops over arrays indexed alike are the ones C2 vectorizes); and the helper
 * threads that compute blocks of C beside the caller when a product is big enough. Buffers grow to the largest product
 * seen and are then reused, so a caller keeping one scratch allocates nothing per call.
 *
 * <p>One thread at a time uses a scratch: two products at once would share its buffers and hand their blocks to the
 * same helpers. The caller may change from product to product when the change is ordered, as a compiled step's guard
 * against concurrent runs orders it.
 *
 * <p>The system property {@code chainrule.gemm.threads} caps the threads of every scratch (1 turns helpers off).
 */
public final class GemmScratch implements AutoCloseable {
    private float[] panels = new float[0];
    private float[][] bRows = new float[0][];
    private int bRowLength;
    private final SplitProduct product = new SplitProduct();
    private final Workspace own = new Workspace();
    private int threads;
    private HelperThread[] helpers = new HelperThread[0];

    /** Products on the calling thread only. */
    public GemmScratch() {
        this(1);
    }

    /**
     * Products on up to {@code threads} threads: the caller and {@code threads - 1} helpers, each started when a
     * product first splits that far (steps whose products are all small start none).
     */
    public GemmScratch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("gemm threads " + threads);
        }
        this.threads = Math.min(threads, Math.max(1, Integer.getInteger("chainrule.gemm.threads", threads)));
    }

    /** Threads a product may run on: the caller and the helpers. */
    public int threads() {
        return threads;
    }

    /** Stops the helper threads; later products run on the calling thread only. */
    @Override
    public void close() {
        for (HelperThread helper : helpers) {
            helper.stop();
        }
        helpers = new HelperThread[0];
        threads = 1;
    }

    /** Helper threads started so far. */
    int helpersStarted() {
        return helpers.length;
    }

    /** Helper h, started on first use. */
    private HelperThread helper(int h) {
        if (h >= helpers.length) {
            HelperThread[] more = Arrays.copyOf(helpers, h + 1);
            for (int i = helpers.length; i <= h; i++) {
                more[i] = new HelperThread(this, product);
            }
            helpers = more;
        }
        return helpers[h];
    }

    /** At least {@code size} floats. */
    float[] panels(int size) {
        if (panels.length < size) {
            panels = new float[size];
        }
        return panels;
    }

    /** At least {@code count} rows of at least {@code length} floats. */
    float[][] bRows(int count, int length) {
        if (bRows.length < count || bRowLength < length) {
            bRowLength = Math.max(length, bRowLength);
            bRows = new float[Math.max(count, bRows.length)][bRowLength];
        }
        return bRows;
    }

    /** The product being set up, to be run by {@link #run}. */
    SplitProduct product() {
        return product;
    }

    /** For tests: {@code hook} runs on each helper started so far after each block it finishes. */
    void afterEachHelperBlock(Runnable hook) {
        for (HelperThread helper : helpers) {
            helper.afterBlock(hook);
        }
    }

    /**
     * Runs the blocks of {@link #product()}, already set, on the calling thread and up to {@code threads - 1} helpers,
     * the caller claiming blocks like the helpers and then waiting only for those a helper has started.
     */
    void run(int threads) {
        int helpersUsed = Math.min(threads, product.count()) - 1;
        if (helpersUsed <= 0) {
            product.runAll(own);
            return;
        }
        int number = product.open();
        for (int h = 0; h < helpersUsed; h++) {
            helper(h).start(number);
        }
        product.work(number, own, null);
        product.await();
    }
}
