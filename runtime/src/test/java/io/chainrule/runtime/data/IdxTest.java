package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.idx;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    private static final String[] IMAGE_AXES = {"images", "rows", "columns"};
    private static final float[] IDENTITY = new float[256];

    static {
        for (int b = 0; b < IDENTITY.length; b++) {
            IDENTITY[b] = b;
        }
    }

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String imagesFailure(Path file) {
        return assertThrows(IdxFormatException.class, () -> readImages(file)).getMessage();
    }

    private static Tensor readImages(Path file) throws IOException {
        try (Idx idx = Idx.open(file, IMAGE_AXES)) {
            ByteRows rows = idx.readRows();
            float[] values = new float[rows.rows() * rows.rowBytes()];
            for (int r = 0; r < rows.rows(); r++) {
                rows.copyRow(r, IDENTITY, values, r * rows.rowBytes());
            }
            return Tensor.of(values, idx.dims());
        }
    }

    private static Tensor readLabels(Path file) throws IOException {
        try (Idx idx = Idx.open(file, "labels")) {
            return idx.readInts();
        }
    }

    /**
     * What {@code read} throws, as a plain value: assertThrows would rethrow an OutOfMemoryError and end the test JVM,
     * where a reader that allocates from a header's claim should fail as a test.
     */
    private static Throwable thrownBy(Executable read) {
        try {
            read.execute();
        } catch (Throwable thrown) {
            return thrown;
        }
        return fail("nothing thrown");
    }

    /** Bytes this thread has allocated so far: a difference around a call is what the call allocated. */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    @Test
    void readsUnsignedBytesShapedAsTheFileSays() throws IOException {
        Tensor t = readImages(write("images", ubytes(2, 2, 3)));
        assertEquals("f32[2,2,3]", t.type().toString());
        assertArrayEquals(new float[] {0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77}, t.floats());
        byte[] high = idx(0x0801, new int[] {3}, new byte[] {(byte) 255, (byte) 128, 9});
        assertArrayEquals(new int[] {255, 128, 9}, readLabels(write("labels", high)).ints());
    }

    @Test
    void gzipIsRecognizedByItsMagicNotItsName() throws IOException {
        byte[] plain = ubytes(3, 4, 5);
        float[] expected = readImages(write("plain", plain)).floats();
        assertArrayEquals(expected, readImages(write("gzip.idx", gzip(plain))).floats());
        assertArrayEquals(expected, readImages(write("plain.gz", plain)).floats());
    }

    @Test
    void aLargeFileStreamsThroughIntact() throws IOException {
        // 1.5 MiB of data: more than one of the chunks a gzip stream is staged in.
        byte[] plain = randomImages(2000);
        float[] expected = new float[plain.length - 16];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = plain[16 + i] & 0xFF;
        }
        assertArrayEquals(expected, readImages(write("big.gz", gzip(plain))).floats());
        assertArrayEquals(expected, readImages(write("big", plain)).floats());
    }

    @Test
    void rowsAreKeptWholeInChunksOfAtMostAMebibyte() throws IOException {
        // rows of 3 x 5 = 15 bytes, 2.4 MB of them: 69,900 rows fit in a chunk of just under 1 MiB
        byte[] plain = ubytes(160_000, 3, 5);
        for (Path file : List.of(write("rows", plain), write("rows.gz", gzip(plain)))) {
            ByteRows rows;
            try (Idx idx = Idx.open(file, IMAGE_AXES)) {
                rows = idx.readRows();
            }
            assertEquals(15, rows.rowBytes());
            assertEquals(69_900, rows.rowsPerChunk());
            assertEquals(List.of(69_900 * 15, 69_900 * 15, 20_200 * 15),
                    Arrays.stream(rows.chunks()).map(c -> c.length).toList(), file.toString());
            for (int row : new int[] {0, 69_899, 69_900, 159_999}) {
                for (int i = 0; i < 15; i++) {
                    assertEquals((row * 15 + i) * 7 & 0xFF, rows.get(row, i), file + " row " + row);
                }
            }
        }
    }

    @Test
    void truncatedPlainFile() throws IOException {
        Path file = write("images", Arrays.copyOf(ubytes(2, 2, 3), 16 + 7));
        assertEquals(file + ": truncated: expected 12 bytes of data (2 images x 2 rows x 3 columns) after the "
                + "16-byte header, found 7", imagesFailure(file));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = write("images", Arrays.copyOf(ubytes(2, 2, 3), 10));
        assertEquals(file + ": truncated: expected a 16-byte header (magic number and 3 dimension sizes), found 10 "
                + "bytes", imagesFailure(file));
    }

    @Test
    void truncatedGzipFile() throws IOException {
        byte[] gz = gzip(randomImages(100));
        Path file = write("images.gz", Arrays.copyOf(gz, gz.length / 2));
        String message = imagesFailure(file);
        String prefix = file + ": truncated gzip stream: expected 78400 bytes of data (100 images x 28 rows x 28 "
                + "columns) after the 16-byte header, found ";
        assertTrue(message.startsWith(prefix), message);
        int found = Integer.parseInt(message.substring(prefix.length()));
        assertTrue(found > 30000 && found < 78400, message);
    }

    @Test
    void gzipWithoutItsTrailer() throws IOException {
        byte[] gz = gzip(ubytes(2, 2, 3));
        Path file = write("images.gz", Arrays.copyOf(gz, gz.length - 8));
        assertEquals(file + ": truncated gzip stream: the 12 bytes of data (2 images x 2 rows x 3 columns) are "
                + "complete but the gzip trailer is missing", imagesFailure(file));
    }

    @Test
    void gzipWithABadChecksum() throws IOException {
        byte[] gz = gzip(ubytes(2, 2, 3));
        gz[gz.length - 8] ^= 1;
        Path file = write("images.gz", gz);
        assertEquals(file + ": corrupt gzip stream: Corrupt GZIP trailer", imagesFailure(file));
    }

    @Test
    void gzipWithDamagedData() throws IOException {
        byte[] gz = gzip(ubytes(20, 28, 28));
        // The first deflate block header, after gzip's 10-byte header: final block, reserved block type 3.
        gz[10] = 0b111;
        Path file = write("images.gz", gz);
        assertEquals(file + ": corrupt gzip stream: invalid block type", imagesFailure(file));
    }

    @Test
    void gzipWithADamagedHeader() throws IOException {
        byte[] gz = gzip(ubytes(2, 2, 3));
        gz[2] = 7;
        Path file = write("images.gz", gz);
        assertEquals(file + ": corrupt gzip header: Unsupported compression method", imagesFailure(file));
    }

    @Test
    void anElementTypeOtherThanUnsignedBytes() throws IOException {
        Path file = write("images", idx(0x0903, new int[] {1, 1, 1}, new byte[1]));
        assertEquals(file + ": bad magic 0x00000903: expected 0x00000803 (unsigned bytes in 3 dimensions); element "
                + "type 0x09 (signed bytes) is not supported", imagesFailure(file));
    }

    @Test
    void notAnIdxFile() throws IOException {
        Path file = write("images", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 0, 0, 0, 0});
        assertEquals(file + ": bad magic 0x89504e47: expected 0x00000803 (unsigned bytes in 3 dimensions); this is "
                + "not an IDX file", imagesFailure(file));
    }

    @Test
    void wrongNumberOfDimensions() throws IOException {
        Path file = write("images", IdxBytes.labels(1, 2, 3));
        assertEquals(file + ": expected 3 dimensions (images, rows, columns), found 1", imagesFailure(file));
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] plain = ubytes(2, 2, 3);
        Path file = write("images", Arrays.copyOf(plain, plain.length + 2));
        String expected = ": 2 extra bytes after the 12 bytes of data (2 images x 2 rows x 3 columns): expected the "
                + "file to end there";
        assertEquals(file + expected, imagesFailure(file));
        Path gz = write("images.gz", gzip(Arrays.copyOf(plain, plain.length + 2)));
        assertEquals(gz + expected, imagesFailure(gz));
    }

    @Test
    void trailingBytesAreCountedOnlyUpToALimit() throws IOException {
        // A small gzip file can expand without end: counting stops past 1 MiB rather than reading it all.
        byte[] plain = ubytes(2, 2, 3);
        Path gz = write("images.gz", gzip(Arrays.copyOf(plain, plain.length + (3 << 20))));
        assertEquals(gz + ": more than 1048576 extra bytes after the 12 bytes of data (2 images x 2 rows x 3 "
                + "columns): expected the file to end there", imagesFailure(gz));
    }

    @Test
    void dimensionsTooLargeForAnArray() throws IOException {
        Path file = write("images", idx(0x0803, new int[] {65536, 65536, 1}, new byte[0]));
        assertEquals(file + ": dimension rows = 65536 makes more than 2147483639 elements, more than one array can "
                + "hold", imagesFailure(file));
        Path unsigned = write("huge", idx(0x0803, new int[] {0, -1, 1}, new byte[0]));
        assertEquals(unsigned + ": dimension rows = 4294967295 makes more than 2147483639 elements, more than one "
                + "array can hold", imagesFailure(unsigned));
    }

    @Test
    void aLabelFileClaimingMoreThanItHoldsIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] header = idx(0x0801, new int[] {Integer.MAX_VALUE - 8}, new byte[0]);
        for (Path file : List.of(write("labels", header), write("labels.gz", gzip(header)))) {
            long before = allocatedBytes();
            String message = assertInstanceOf(IdxFormatException.class, thrownBy(() -> readLabels(file))).getMessage();
            long allocated = allocatedBytes() - before;
            assertEquals(file + ": truncated: expected 2147483639 bytes of data (2147483639 labels) after the 8-byte "
                    + "header, found 0", message);
            assertTrue(allocated < 1 << 20, file + ": " + allocated + " bytes allocated");
        }
    }

    @Test
    void anImageFileClaimingMoreThanItHoldsIsRefusedBeforeTheResultIsAllocated() throws IOException {
        // MNIST's 47 MB of training images under a header that declares 2,000,000 images rather than 60,000.
        byte[] content = idx(0x0803, new int[] {2_000_000, 28, 28}, new byte[60_000 * 28 * 28]);
        String problem = ": truncated: expected 1568000000 bytes of data (2000000 images x 28 rows x 28 columns) "
                + "after the 16-byte header, found 47040000";
        Path plain = write("images", content);
        long before = allocatedBytes();
        assertEquals(plain + problem, assertInstanceOf(IdxFormatException.class, thrownBy(() -> readImages(plain)))
                .getMessage());
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1 << 20, "plain: " + allocated + " bytes allocated");
        // A gzip stream's length is known only once read: what arrives is staged, the result never allocated.
        Path gz = write("images.gz", gzip(content));
        before = allocatedBytes();
        assertEquals(gz + problem, assertInstanceOf(IdxFormatException.class, thrownBy(() -> readImages(gz)))
                .getMessage());
        allocated = allocatedBytes() - before;
        assertTrue(allocated < 47_040_000 + (4 << 20), "gzip: " + allocated + " bytes allocated");
    }

    /** Incompressible images, so that half the gzip file is about half the data. */
    private static byte[] randomImages(int n) {
        byte[] data = new byte[n * 28 * 28];
        new Random(7).nextBytes(data);
        return idx(0x0803, new int[] {n, 28, 28}, data);
    }
}
