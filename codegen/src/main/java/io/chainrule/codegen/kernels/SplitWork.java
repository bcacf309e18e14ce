package io.chainrule.codegen.kernels;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One product split into blocks of C, rows [i0, i1) by columns [j0, j1) each, or one fused loop of a compiled step
 * split into ranges [i0, i1) of its outermost axis, which the caller and the helper threads claim one at a time from a
 * shared word until none is left. A thread that cannot run (another process holds its core) then delays the work by
 * at most the one block it has started, not by a fixed share of it: the caller runs every block nobody has claimed.
 * Each block's arithmetic is the same whichever thread runs it, so the results' bits do not depend on who ran what.
 *
 * <p>The caller claims blocks from the front, the helpers from the back, so that each thread runs a contiguous run of
 * them, and the same run from one step to the next: the data a thread writes (half of fc1's weights in Adam's update)
 * stays in its core's cache for what it reads next (its half of fc1's weights, transposed for the forward product),
 * where blocks taken in turn left every other block's lines to be fetched from the other core.
 *
 * <p>The caller sets the work and its blocks, then {@link #open}s it; the others read them only after they claim a
 * block, and the claim word's volatile write and read order the two. The word holds the work's number beside the
 * unclaimed blocks' range, so that a helper waking late, still holding an earlier number, cannot claim a block of
 * later work, and setting up work first closes the work before.
 */
final class SplitWork {
    /** Where a block on the Vector API path reads B from. */
    enum Source {
        /** B [k,n] as given: each block packs its own columns into its thread's {@link Workspace}. */
        PACK,
        /** B [n,k] as given (B^T is the operand): each block packs its own columns, transposed. */
        PACK_TRANSPOSED,
        /** B (or B^T) already in panels for all n columns (see {@link VectorGemm#pack}). */
        PANELS
    }

    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Blocks a work may have: the claim word holds the unclaimed range's ends in 16 bits each. */
    static final int MAX_BLOCKS = 0xFFFF;

    /** The loops of the step whose loop this is, or null for a product. */
    private SplitLoops loops;
    private int loop;
    private float[][] floats;
    private int[][] ints;
    private boolean vector;
    private float[] a;
    private int rowStride;
    private int colStride;
    private float[] b;
    private Source source;
    private float[][] bRows;
    private float[] c;
    private int n;
    private int k;
    private float[] bias;
    private int epilogue;
    /** i0, i1, j0, j1 of each block. */
    private int[] bounds = new int[0];
    private int count;
    private int number;
    /** number << 32 | first unclaimed block << 16 | last unclaimed block + 1. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Thread waiting;
    private volatile Throwable failure;

    /**
     * The operands, and no blocks yet. A's element (i, p) is at {@code a[i * rowStride + p * colStride]} (on the
     * Vector API path A is row-major, colStride 1). On the Vector API path B is {@code b}, laid out as {@code source}
     * says; on the plain path B's rows are {@code bRows} and blocks span all columns.
     */
    void set(boolean vector, float[] a, int rowStride, int colStride, float[] b, Source source, float[][] bRows,
            float[] c, int n, int k, float[] bias, int epilogue) {
        close();
        loops = null;
        this.vector = vector;
        this.a = a;
        this.rowStride = rowStride;
        this.colStride = colStride;
        this.b = b;
        this.source = source;
        this.bRows = bRows;
        this.c = c;
        this.n = n;
        this.k = k;
        this.bias = bias;
        this.epilogue = epilogue;
    }

    /** Loop {@code loop} of {@code loops} over the step's buffers, and no blocks yet; a block's i0, i1 is its range. */
    void setLoop(SplitLoops loops, int loop, float[][] floats, int[][] ints) {
        close();
        this.loops = loops;
        this.loop = loop;
        this.floats = floats;
        this.ints = ints;
    }

    /** Closes the work before (no block left to claim) and drops its blocks. */
    private void close() {
        claims.set((long) number << 32);
        count = 0;
    }

    /** Adds the block of rows [i0, i1) and columns [j0, j1). */
    void add(int i0, int i1, int j0, int j1) {
        if (count == MAX_BLOCKS) {
            throw new IllegalStateException("more than " + MAX_BLOCKS + " blocks");
        }
        if (bounds.length < 4 * (count + 1)) {
            bounds = Arrays.copyOf(bounds, 4 * (count + 8));
        }
        bounds[4 * count] = i0;
        bounds[4 * count + 1] = i1;
        bounds[4 * count + 2] = j0;
        bounds[4 * count + 3] = j1;
        count++;
    }

    int count() {
        return count;
    }

    /** Runs every block on the calling thread. */
    void runAll(Workspace workspace) {
        for (int block = 0; block < count; block++) {
            run(block, workspace);
        }
    }

    /** Makes the blocks claimable; returns the work's number, which the helpers pass to {@link #work}. */
    int open() {
        number++;
        done.set(0);
        failure = null;
        claims.set((long) number << 32 | count);
        return number;
    }

    /**
     * Claims and runs blocks of work {@code number} until none is left (or later work is open), from the front or the
     * back of those left, calling {@code afterBlock}, if not null, after each.
     */
    void work(int number, boolean fromBack, Workspace workspace, Runnable afterBlock) {
        while (true) {
            long claim = claims.get();
            int front = (int) (claim >>> 16) & MAX_BLOCKS;
            int back = (int) claim & MAX_BLOCKS;
            if ((int) (claim >>> 32) != number || front >= back) {
                return;
            }
            int block = fromBack ? back - 1 : front;
            long next = fromBack ? claim - 1 : claim + (1L << 16);
            if (!claims.compareAndSet(claim, next)) {
                continue;
            }
            try {
                run(block, workspace);
            } catch (Throwable t) {
                failure = t;
            }
            if (done.incrementAndGet() == count) {
                Thread caller = waiting;
                if (caller != null) {
                    LockSupport.unpark(caller);
                }
            }
            if (afterBlock != null) {
                afterBlock.run();
            }
        }
    }

    /**
     * Waits until every block is done, which, once the caller's own {@link #work} has returned, means the blocks that
     * others started; rethrows a block's failure.
     */
    void await() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (done.get() < count) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                waiting = Thread.currentThread();
                if (done.get() < count) {
                    LockSupport.park(this);
                }
                waiting = null;
            }
        }
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            if (thrown instanceof Error error) {
                throw error;
            }
            throw thrown instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException((loops == null ? "gemm" : "loop") + " block failed", thrown);
        }
    }

    private void run(int block, Workspace workspace) {
        int i0 = bounds[4 * block];
        int i1 = bounds[4 * block + 1];
        if (loops != null) {
            loops.run(loop, floats, ints, i0, i1);
            return;
        }
        int j0 = bounds[4 * block + 2];
        int width = bounds[4 * block + 3] - j0;
        if (!vector) {
            PlainGemm.rows(a, rowStride, colStride, bRows, c, n, k, bias, epilogue, workspace.cRows(n), i0, i1);
        } else if (source != Source.PANELS) {
            float[] packed = workspace.packed(VectorGemm.packedFloats(width, k));
            VectorGemm.pack(b, source == Source.PACK_TRANSPOSED, n, j0, width, k, packed);
            VectorGemm.block(a, rowStride, packed, c, n, j0, width, k, bias, epilogue, i0, i1);
        } else {
            VectorGemm.block(a, rowStride, b, c, n, j0, width, k, bias, epilogue, i0, i1);
        }
    }
}
