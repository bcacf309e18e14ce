package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StagedBytesTest {
    /** {@code n} random bytes appended in pieces of up to 100,000 bytes, so that pieces straddle the 1 MiB chunks. */
    private static byte[] appendRandom(StagedBytes staged, int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        Random sizes = new Random(1);
        for (int at = 0; at < n; ) {
            int count = Math.min(n - at, 1 + sizes.nextInt(100_000));
            byte[] piece = new byte[count + 3];
            System.arraycopy(data, at, piece, 0, count);
            staged.append(piece, count);
            at += count;
        }
        return data;
    }

    private static byte[] replayed(StagedBytes staged) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] next = {0};
        staged.replay((chunk, count, at) -> {
            assertEquals(next[0], at, "chunks come back in order, each starting where the last ended");
            out.write(chunk, 0, count);
            next[0] += count;
        });
        return out.toByteArray();
    }

    @Test
    void replaysWhatWasAppendedAcrossChunks() {
        StagedBytes staged = new StagedBytes(3_000_000, Long.MAX_VALUE);
        byte[] data = appendRandom(staged, 3_000_000);
        assertTrue(staged.kept());
        assertEquals(3_000_000, staged.total());
        assertArrayEquals(data, replayed(staged));
    }

    @Test
    void fewerBytesThanExpectedReplayOnlyWhatCame() {
        StagedBytes staged = new StagedBytes(Integer.MAX_VALUE - 8, Long.MAX_VALUE);
        byte[] data = appendRandom(staged, 1_500_000);
        assertArrayEquals(data, replayed(staged));
    }

    @Test
    void beyondTheLimitBytesAreCountedNotKept() {
        StagedBytes staged = new StagedBytes(3_000_000, 2_000_000);
        appendRandom(staged, 3_000_000);
        assertFalse(staged.kept());
        assertEquals(3_000_000, staged.total());
    }
}
