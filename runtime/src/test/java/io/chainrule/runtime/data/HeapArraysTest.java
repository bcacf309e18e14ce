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

/** Valid MNIST files too large for a child JVM's small heap: a message naming the heap needed, never an Error. */
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

    private ChildJvm.Outcome train(String... jvmOptions) throws IOException {
        return ChildJvm.run(List.of(jvmOptions), DataProbe.class, "train", dir.toString());
    }

    @Test
    void aPlainFileTooLargeForTheHeapIsRefusedBeforeAllocating() throws IOException {
        Path images = writeTrainingSet(10_204, false);
        assertEquals(new ChildJvm.Outcome(1, images + ": 10204" + MNIST_LIKE + "31 MiB of heap, more than this JVM "
                + "can allocate (maximum heap 16 MiB): run java with a larger -Xmx, e.g. -Xmx64m\n"), train("-Xmx16m"));
    }

    @Test
    void aGzipFileTooLargeForTheHeapCountsItsStagedData() throws IOException {
        Path images = writeTrainingSet(10_204, true);
        assertEquals(new ChildJvm.Outcome(1, images + ": 10204" + MNIST_LIKE + "39 MiB of heap (31 MiB for the array "
                + "and 8 MiB staged while reading), more than this JVM can allocate (maximum heap 16 MiB): run java "
                + "with a larger -Xmx, e.g. -Xmx64m\n"), train("-Xmx16m"));
    }

    @Test
    void anArrayUnderTheMaximumHeapThatStillCannotBeAllocatedGivesTheSameMessage() throws IOException {
        // The serial collector keeps two thirds of a 64 MiB heap for old objects: 48 MiB is less than the maximum
        // heap, 62 MiB, but fits in no generation, so only the allocation itself can find out.
        Path images = writeTrainingSet(15_944, false);
        assertEquals(new ChildJvm.Outcome(1, images + ": 15944" + MNIST_LIKE + "48 MiB of heap, more than this JVM "
                + "can allocate (maximum heap 62 MiB): run java with a larger -Xmx, e.g. -Xmx128m\n"),
                train("-XX:+UseSerialGC", "-Xmx64m"));
    }
}
