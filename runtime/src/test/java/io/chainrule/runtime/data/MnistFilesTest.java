package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.idx;
import static io.chainrule.runtime.data.IdxBytes.labels;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST's checks on small synthetic files; the real files are {@link MnistTest}'s. */
class MnistFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static String failure(Path dir) {
        return assertThrows(IdxFormatException.class, () -> Mnist.train(dir)).getMessage();
    }

    @Test
    void imagesScaleAsToTensorAndLabelsStayIntegers() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(ubytes(3, 28, 28)));
        write("train-labels-idx1-ubyte", labels(5, 0, 9));
        Dataset train = Mnist.train(dir);
        assertEquals("f32[3,1,28,28]", train.featureTensor().type().toString());
        assertEquals("i32[3]", train.targetTensor().type().toString());
        assertArrayEquals(new int[] {5, 0, 9}, train.targetTensor().ints());
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + " (3 images)", train.description());
        float[] x = train.featureTensor().floats();
        for (int i = 0; i < x.length; i++) {
            assertEquals((i * 7 & 0xFF) / 255f, x[i], "pixel " + i);
        }
        assertEquals(1f, x[73], "byte 255 becomes exactly 1");
    }

    @Test
    void testSplitReadsTheT10kFiles() throws IOException {
        write("t10k-images-idx3-ubyte", ubytes(2, 28, 28));
        write("t10k-labels-idx1-ubyte.gz", gzip(labels(7, 2)));
        Dataset test = Mnist.test(dir);
        assertArrayEquals(new int[] {7, 2}, test.targetTensor().ints());
        assertEquals(10, test.classes(), "the ten digits, whatever labels the file holds");
    }

    @Test
    void imagesAreReadIntoTheirBytesOnly() throws IOException {
        // 2,000 images: 1.5 MB of bytes, 6.3 MB as f32
        byte[] images = ubytes(2000, 28, 28);
        write("train-labels-idx1-ubyte", labels(new int[2000]));
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = write("train-images-idx3-ubyte" + (compressed ? ".gz" : ""), compressed ? gzip(images)
                    : images);
            long before = allocatedBytes();
            Dataset train = Mnist.train(dir);
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 2000 * 784 + 500_000, file + ": " + allocated + " bytes allocated");
            assertEquals((1999 * 784 + 5) * 7 % 256 / 255f, train.features(1999)[5], 0f);
            Files.delete(file);
        }
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path images = write("train-images-idx3-ubyte.gz", gzip(ubytes(3, 28, 28)));
        Path labels = write("train-labels-idx1-ubyte.gz", gzip(labels(1, 2)));
        assertEquals(labels + ": 2 labels, expected 3 to match the images in " + images, failure(dir));
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(ubytes(3, 28, 28)));
        Path labels = write("train-labels-idx1-ubyte.gz", gzip(labels(1, 11, 2)));
        assertEquals(labels + ": label 11 at index 1: expected 0 to 9", failure(dir));
    }

    @Test
    void imagesMustBe28By28() throws IOException {
        Path images = write("train-images-idx3-ubyte.gz", gzip(ubytes(2, 32, 32)));
        write("train-labels-idx1-ubyte.gz", gzip(labels(1, 2)));
        assertEquals(images + ": expected 28x28 images, found 32x32", failure(dir));
    }

    @Test
    void imageDimensionsAreCheckedFromTheHeaderBeforeTheData() throws IOException {
        // A header saying 27 rows over 28x28 images of data: the header is what is wrong, not the file's length.
        byte[] images = idx(0x0803, new int[] {2, 27, 28}, new byte[2 * 28 * 28]);
        write("train-labels-idx1-ubyte", labels(1, 2));
        Path plain = write("train-images-idx3-ubyte", images);
        assertEquals(plain + ": expected 28x28 images, found 27x28", failure(dir));
        Files.delete(plain);
        Path gz = write("train-images-idx3-ubyte.gz", gzip(images));
        assertEquals(gz + ": expected 28x28 images, found 27x28", failure(dir));
    }

    @Test
    void labelAndImageCountsAreComparedFromTheHeadersBeforeAnyDataIsRead() throws IOException {
        Path images = write("train-images-idx3-ubyte.gz", gzip(ubytes(3, 28, 28)));
        // Reading the data would find label 11; the headers' counts disagree before that.
        Path labels = write("train-labels-idx1-ubyte.gz", gzip(labels(1, 11)));
        assertEquals(labels + ": 2 labels, expected 3 to match the images in " + images, failure(dir));
        write("train-labels-idx1-ubyte.gz", gzip(idx(0x0801, new int[] {Integer.MAX_VALUE - 8}, new byte[0])));
        assertEquals(labels + ": 2147483639 labels, expected 3 to match the images in " + images, failure(dir));
    }

    @Test
    void aMissingFileNamesBothForms() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(ubytes(2, 28, 28)));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.train(dir));
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": no such file, nor an uncompressed "
                + "train-labels-idx1-ubyte", e.getMessage());
    }
}
