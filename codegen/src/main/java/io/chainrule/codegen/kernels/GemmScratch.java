package io.chainrule.codegen.kernels;

import java.util.Arrays;

/**
 * Working memory and threads for {@link Gemm} and a compiled step's loops: B packed into panels, and A read along its
 * rows, for the Vector API tiles; for the plain-Java path B's rows as separate arrays (loops over arrays indexed
 * alike are the ones C2 vectorizes); and the helper threads that compute blocks of C beside the caller when a product
 * is big enough, and ranges of a large fused loop ({@link #loop}). Buffers grow to the largest product seen and are
 * then reused, so a caller keeping one scratch allocates nothing per call.
 *
 * <p>One thread at a time uses a scratch: two products at once would share its buffers and hand their blocks to the
 * same helpers. The caller may change from product to product when the change is ordered, as a compiled step's guard
 * against concurrent runs orders it.
 *
 * <p>The system property {@code chainrule.gemm.threads} caps the threads of every scratch (1 turns helpers off).
 */
public final class GemmScratch implements AutoCloseable {
    /**
     * A split loop's blocks hold at least this much work (about 4,000 elements of a plain float op; see the compiled
     * step's estimate): a microsecond or so, against tens of nanoseconds for a claim.
     */
    static final long MIN_LOOP_BLOCK_WORK = 4096;
    /** Blocks of a loop at most: enough that a thread losing its core holds back little, few enough to claim. */
    static final int MAX_LOOP_BLOCKS = 16;
    /** Flat loops are cut at multiples of this, so that each block's vectorized body starts on a whole vector. */
    private static final int LOOP_ALIGNMENT = 16;

    private float[] panels = new float[0];
    private float[] rowsOfA = new float[0];
    private float[][] bRows = new float[0][];
    private int bRowLength;
    private final SplitWork work = new SplitWork();
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
                more[i] = new HelperThread(this, work);
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

    /** At least {@code size} floats, for A read along its rows. */
    float[] rowsOfA(int size) {
        if (rowsOfA.length < size) {
            rowsOfA = new float[size];
        }
        return rowsOfA;
    }

    /** At least {@code count} rows of at least {@code length} floats. */
    float[][] bRows(int count, int length) {
        if (bRows.length < count || bRowLength < length) {
            bRowLength = Math.max(length, bRowLength);
            bRows = new float[Math.max(count, bRows.length)][bRowLength];
        }
        return bRows;
    }

    /** The work being set up, to be run by {@link #run}. */
    SplitWork work() {
        return work;
    }

    /**
     * The blocks {@link #loop} cuts a loop of {@code work} (in the compiled step's estimate) into, {@code extent}
     * indices along its outermost axis: under 2 when it is not worth splitting, so that a compiled step emits such a
     * loop without the range a block runs.
     */
    public static int loopBlocks(long work, int extent) {
        return (int) Math.min(Math.min(extent, MAX_LOOP_BLOCKS), work / MIN_LOOP_BLOCK_WORK);
    }

    /**
     * Runs loop {@code loop} of a compiled step over [0, extent) of its outermost axis, {@code inner} elements an
     * index, on this scratch's threads in {@code blocks} blocks ({@link #loopBlocks}) claimed as a product's are, or
     * whole on the calling thread when the scratch has no helpers.
     */
    public void loop(SplitLoops loops, int loop, float[][] floats, int[][] ints, int extent, int inner, int blocks) {
        if (threads == 1 || blocks < 2) {
            loops.run(loop, floats, ints, 0, extent);
            return;
        }
        work.setLoop(loops, loop, floats, ints);
        int alignment = inner == 1 ? LOOP_ALIGNMENT : 1;
        for (int block = 0, from = 0; block < blocks; block++) {
            int to = block == blocks - 1 ? extent
                    : (int) ((long) extent * (block + 1) / blocks / alignment * alignment);
            work.add(from, to, 0, 0);
            from = to;
        }
        run(threads);
    }

    /** For tests: {@code hook} runs on each helper started so far after each block it finishes. */
    void afterEachHelperBlock(Runnable hook) {
        for (HelperThread helper : helpers) {
            helper.afterBlock(hook);
        }
    }

    /**
     * Runs the blocks of {@link #work()}, already set, on the calling thread and up to {@code threads - 1} helpers,
     * the caller claiming blocks like the helpers and then waiting only for those a helper has started.
     */
    void run(int threads) {
        int helpersUsed = Math.min(threads, work.count()) - 1;
        if (helpersUsed <= 0) {
            work.runAll(own);
            return;
        }
        int number = work.open();
        for (int h = 0; h < helpersUsed; h++) {
            helper(h).start(number);
        }
        work.work(number, false, own, null);
        work.await();
    }
}
