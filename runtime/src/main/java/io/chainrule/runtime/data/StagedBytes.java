package io.chainrule.runtime.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A stream's bytes kept as they arrive, in chunks of about 1 MiB allocated only when bytes come to fill them, so that
 * what is held never exceeds what has arrived by more than one chunk; then replayed in order. Bytes beyond
 * {@code limit} are counted but no longer kept (all kept bytes are dropped then), for data too large to hold.
 */
final class StagedBytes {
    // Just under 1 MiB: G1 puts an array larger than half a region in whole regions of its own, so one of 1 MiB plus
    // its header would take two 1 MiB regions and double what staging holds (MNIST's training set read at -Xmx230m,
    // not 276m).
    private static final int CHUNK_BYTES = (1 << 20) - 64;

    private final long expected;
    private final long limit;
    private List<byte[]> chunks = new ArrayList<>();
    private byte[] last = new byte[0];
    private int filled;
    private long total;

    /** {@code expected} bytes are to come (it only sizes the last chunk); at most {@code limit} of them are kept. */
    StagedBytes(long expected, long limit) {
        this.expected = expected;
        this.limit = limit;
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
        int size = (int) (expected > total ? Math.min(CHUNK_BYTES, expected - total) : CHUNK_BYTES);
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

    /** Whether every byte appended is kept, so that {@link #replay} can give them back. */
    boolean kept() {
        return chunks != null;
    }

    /** Gives the kept bytes back in order, one chunk at a time. */
    void replay(Idx.Sink sink) {
        if (chunks == null) {
            throw new IllegalStateException("the bytes beyond " + limit + " were not kept");
        }
        long at = 0;
        for (byte[] chunk : chunks) {
            int count = (int) Math.min(chunk.length, total - at);
            sink.accept(chunk, count, (int) at);
            at += count;
        }
    }
}
