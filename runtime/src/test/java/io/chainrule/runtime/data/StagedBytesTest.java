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

    /** The staged bytes, checking that every chunk but the last is {@code chunkBytes} long. */
    private static byte[] kept(StagedBytes staged, int chunkBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[][] chunks = staged.chunks();
        for (int i = 0; i < chunks.length; i++) {
            if (i < chunks.length - 1) {
                assertEquals(chunkBytes, chunks[i].length, "chunk " + i + " of " + chunks.length);
            }
            out.write(chunks[i], 0, (int) Math.min(chunks[i].length, staged.total() - out.size()));
        }
        return out.toByteArray();
    }

    @Test
    void keepsWhatWasAppendedAcrossChunks() {
        StagedBytes staged = new StagedBytes(3_000_000, Long.MAX_VALUE, StagedBytes.MAX_CHUNK_BYTES);
        byte[] data = appendRandom(staged, 3_000_000);
        assertTrue(staged.kept());
        assertEquals(3_000_000, staged.total());
        assertArrayEquals(data, kept(staged, StagedBytes.MAX_CHUNK_BYTES));
        assertEquals(3_000_000 - 2 * StagedBytes.MAX_CHUNK_BYTES, staged.chunks()[2].length, "the last chunk is the "
                + "rest, exactly");
    }

    @Test
    void chunksOfAGivenSize() {
        StagedBytes staged = new StagedBytes(1_000_000, Long.MAX_VALUE, 784 * 100);
        byte[] data = appendRandom(staged, 1_000_000);
        assertArrayEquals(data, kept(staged, 784 * 100));
        assertEquals(13, staged.chunks().length);
    }

    @Test
    void fewerBytesThanExpectedKeepOnlyWhatCame() {
        StagedBytes staged = new StagedBytes(Integer.MAX_VALUE - 8, Long.MAX_VALUE, StagedBytes.MAX_CHUNK_BYTES);
        byte[] data = appendRandom(staged, 1_500_000);
        assertArrayEquals(data, kept(staged, StagedBytes.MAX_CHUNK_BYTES));
    }

    @Test
    void beyondTheLimitBytesAreCountedNotKept() {
        StagedBytes staged = new StagedBytes(3_000_000, 2_000_000, StagedBytes.MAX_CHUNK_BYTES);
        appendRandom(staged, 3_000_000);
        assertFalse(staged.kept());
        assertEquals(3_000_000, staged.total());
    }
}
