package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.labels;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST files in a child JVM's small heap: images held as their bytes, once, whatever views are made of them; a valid
 * file too large for the heap is a message naming the heap needed, never an Error.
 */
class HeapArraysTest {
    private static final String MNIST_LIKE = " images x 28 rows x 28 columns need ";

    @TempDir
    Path dir;

    /** A valid training set of {@code n} images: 784 n bytes of data, 3136 n bytes as f32. */
    private Path writeTrainingSet(int n, boolean compressed) throws IOException {
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(new int[n]));
        byte[] images = ubytes(n, 28, 28);
        return compressed ? Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images))
                : Files.write(dir.resolve("train-images-idx3-ubyte"), images);
    }

    private ChildJvm.Outcome probe(List<String> jvmOptions, String... args) throws IOException {
        return ChildJvm.run(jvmOptions, DataProbe.class, args);
    }

    @Test
    void imagesAreHeldOnceAsBytesWhenNormalizedAndSplit() throws IOException {
        // 15 MiB of bytes, 60 MiB as f32: a 48 MiB heap holds the bytes, not the floats.
        writeTrainingSet(20_000, true);
        assertEquals(new ChildJvm.Outcome(0, "15000 training and 5000 validation images\n"),
                probe(List.of("-Xmx48m"), "split", dir.toString(), "5000"));
    }

    @Test
    void aPlainFileTooLargeForTheHeapIsRefusedBeforeAllocating() throws IOException {
        Path images = writeTrainingSet(25_000, false);
        assertEquals(new ChildJvm.Outcome(1, images + ": 25000" + MNIST_LIKE + "19 MiB of heap, more than this JVM "
                + "can allocate (maximum heap 16 MiB): run java with a larger -Xmx, e.g. -Xmx64m\n"),
                probe(List.of("-Xmx16m"), "train", dir.toString()));
    }

    @Test
    void aGzipFileTooLargeForTheHeapIsReadToItsEndWithoutBeingKept() throws IOException {
        Path images = writeTrainingSet(25_000, true);
        assertEquals(new ChildJvm.Outcome(1, images + ": 25000" + MNIST_LIKE + "19 MiB of heap, more than this JVM "
                + "can allocate (maximum heap 16 MiB): run java with a larger -Xmx, e.g. -Xmx64m\n"),
                probe(List.of("-Xmx16m"), "train", dir.toString()));
    }

    @Test
    void dataUnderTheMaximumHeapThatStillCannotBeAllocatedGivesTheSameMessage() throws IOException {
        // 63 MiB is less than G1's maximum heap at -Xmx64m, but its chunks, a region each, and the JVM's own objects
        // do not fit in the heap's 64 regions: only running out while reading can find out.
        Path images = writeTrainingSet(84_000, false);
        assertEquals(new ChildJvm.Outcome(1, images + ": 84000" + MNIST_LIKE + "63 MiB of heap, more than this JVM "
                + "can allocate (maximum heap 64 MiB): run java with a larger -Xmx, e.g. -Xmx128m\n"),
                probe(List.of("-XX:+UseG1GC", "-Xmx64m"), "train", dir.toString()));
    }
}
