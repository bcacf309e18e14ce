package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.idx;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
        return assertThrows(IdxFormatException.class, () -> Idx.readFloats(file, IDENTITY, IMAGE_AXES)).getMessage();
    }

    @Test
    void readsUnsignedBytesShapedAsTheFileSays() throws IOException {
        Tensor t = Idx.readFloats(write("images", ubytes(2, 2, 3)), IDENTITY, IMAGE_AXES);
        assertEquals("f32[2,2,3]", t.type().toString());
        assertArrayEquals(new float[] {0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77}, t.floats());
        byte[] high = idx(0x0801, new int[] {3}, new byte[] {(byte) 255, (byte) 128, 9});
        assertArrayEquals(new int[] {255, 128, 9}, Idx.readInts(write("labels", high), "labels").ints());
    }

    @Test
    void gzipIsRecognizedByItsMagicNotItsName() throws IOException {
        byte[] plain = ubytes(3, 4, 5);
        float[] expected = Idx.readFloats(write("plain", plain), IDENTITY, IMAGE_AXES).floats();
        assertArrayEquals(expected, Idx.readFloats(write("gzip.idx", gzip(plain)), IDENTITY, IMAGE_AXES).floats());
        assertArrayEquals(expected, Idx.readFloats(write("plain.gz", plain), IDENTITY, IMAGE_AXES).floats());
    }

    @Test
    void aLargeFileStreamsThroughIntact() throws IOException {
        byte[] plain = randomImages(1000);
        float[] values = Idx.readFloats(write("big.gz", gzip(plain)), IDENTITY, IMAGE_AXES).floats();
        for (int i = 0; i < values.length; i += 997) {
            assertEquals(plain[16 + i] & 0xFF, values[i], "element " + i);
        }
        assertEquals(plain[plain.length - 1] & 0xFF, values[values.length - 1]);
    }

    @Test
    void truncatedPlainFile() throws IOException {
        Path file = write("images", Arrays.copyOf(ubytes(2, 2, 3), 16 + 7));
        assertEquals(file + ": truncated: expected 12 bytes of data (images x rows x columns) after the 16-byte "
                + "header, found 7", imagesFailure(file));
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
        String prefix = file + ": truncated gzip stream: expected 78400 bytes of data (images x rows x columns) "
                + "after the 16-byte header, found ";
        assertTrue(message.startsWith(prefix), message);
        int found = Integer.parseInt(message.substring(prefix.length()));
        assertTrue(found > 30000 && found < 78400, message);
    }

    @Test
    void gzipWithoutItsTrailer() throws IOException {
        byte[] gz = gzip(ubytes(2, 2, 3));
        Path file = write("images.gz", Arrays.copyOf(gz, gz.length - 8));
        assertEquals(file + ": truncated gzip stream: the 12 bytes of data (images x rows x columns) are complete "
                + "but the gzip trailer is missing", imagesFailure(file));
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
        String expected = ": 2 extra bytes after the 12 bytes of data (images x rows x columns): expected the file "
                + "to end there";
        assertEquals(file + expected, imagesFailure(file));
        Path gz = write("images.gz", gzip(Arrays.copyOf(plain, plain.length + 2)));
        assertEquals(gz + expected, imagesFailure(gz));
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

    /** Incompressible images, so that half the gzip file is about half the data. */
    private static byte[] randomImages(int n) {
        byte[] data = new byte[n * 28 * 28];
        new Random(7).nextBytes(data);
        return idx(0x0803, new int[] {n, 28, 28}, data);
    }
}
