package io.chainrule.codegen.kernels;

import java.util.Arrays;

/**
 * Working memory and threads for {@link Gemm}: transposed copies of B for the NT and TT layouts; for the plain-Java
 * path B's rows as separate arrays (loops over arrays indexed alike are the ones C2 vectorizes); and the helper
 * threads that compute parts of C when a product is big enough. Buffers grow to the largest product seen and are then
 * reused, so a caller keeping one scratch allocates nothing per call.
 *
 * <p>One thread at a time uses a scratch: two products at once would share its buffers and hand their blocks to the
 * same helpers (both callers then wait for a block forever). The caller may change from product to product when the
 * change is ordered, as a compiled step's guard against concurrent runs orders it.
 *
 * <p>The system property {@code chainrule.gemm.threads} caps the threads of every scratch (1 turns helpers off).
 */
public final class GemmScratch implements AutoCloseable {
    private float[] panels = new float[0];
    private float[][] bRows = new float[0][];
    private int bRowLength;
    private final Block own = new Block();
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
                more[i] = new HelperThread(this);
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

    /** Block {@code part} of a product: 0 is the caller's, the others the helpers'. */
    Block block(int part) {
        return part == 0 ? own : helper(part - 1).block;
    }

    /** Runs blocks 0 to parts - 1, already set, block 0 on the calling thread. */
    void run(int parts) {
        for (int h = 0; h < parts - 1; h++) {
            helper(h).start();
        }
        try {
            own.run();
        } finally {
            for (int h = 0; h < parts - 1; h++) {
                helpers[h].finish();
            }
        }
    }
}
