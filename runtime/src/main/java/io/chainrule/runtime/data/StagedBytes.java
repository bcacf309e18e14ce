package io.chainrule.runtime.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream's bytes kept as they arrive, in chunks of at most about 1 MiB allocated only when bytes come to fill them,
 * so that what is held never exceeds what has arrived by more than one chunk. The chunks are then the data's storage
 * itself ({@link #chunks}), never copied into one array. Bytes beyond {@code limit} are counted but no longer kept (all
 * kept bytes are dropped then), for data too large to hold.
 */
final class StagedBytes {
    /**
     * The largest chunk: just under 1 MiB, since G1 puts an array larger than half a region in whole regions of its
     * own, so one of 1 MiB plus its header would take two 1 MiB regions and double what is held.
     */
    static final int MAX_CHUNK_BYTES = (1 << 20) - 64;

    private final long expected;
    private final long limit;
    private final int chunkBytes;
    private List<byte[]> chunks = new ArrayList<>();
    private byte[] last = new byte[0];
    private int filled;
    private long total;

    /**
     * {@code expected} bytes are to come (it only sizes the last chunk); at most {@code limit} of them are kept, in
     * chunks of {@code chunkBytes} but the last, so that each chunk starts at a multiple of {@code chunkBytes}.
     */
    StagedBytes(long expected, long limit, int chunkBytes) {
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkBytes);
        }
        this.expected = expected;
        this.limit = limit;
        this.chunkBytes = chunkBytes;
    }

    /** Keeps the first {@code count} bytes of {@code bytes}. */
    void append(byte[] bytes, int count) {
        int from = 0;
        while (from < count && chunks != null) {
            if (filled == last.length && !startChunk()) {
                break;
            }
            int n = Math.min(count - from, last.length - filled);
            System.arraycopy(bytes, from, last, filled, n);
            from += n;
            filled += n;
            total += n;
        }
        total += count - from;
    }

    private boolean startChunk() {
        int size = (int) (expected > total ? Math.min(chunkBytes, expected - total) : chunkBytes);
        if (total + size <= limit) {
            try {
                last = new byte[size];
                chunks.add(last);
                filled = 0;
                return true;
            } catch (OutOfMemoryError e) {
                // Only this allocation failed; dropping the chunks below frees what was kept.
            }
        }
        chunks = null;
        last = null;
        return false;
    }

    /** Bytes appended so far, kept or not. */
    long total() {
        return total;
    }

    /** Whether every byte appended is kept, so that {@link #chunks} holds them all. */
    boolean kept() {
        return chunks != null;
    }

    /**
     * The kept bytes, in order: every chunk full but the last, which holds the rest of {@link #total} (and is longer
     * only when fewer bytes came than expected).
     */
    byte[][] chunks() {
        if (chunks == null) {
            throw new IllegalStateException("the bytes beyond " + limit + " were not kept");
        }
        return chunks.toArray(new byte[0][]);
    }
}
