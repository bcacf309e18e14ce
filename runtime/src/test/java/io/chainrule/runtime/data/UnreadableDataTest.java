package io.chainrule.runtime.data;

import static io.chainrule.runtime.data.IdxBytes.gzip;
import static io.chainrule.runtime.data.IdxBytes.labels;
import static io.chainrule.runtime.data.IdxBytes.ubytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data that permissions keep from the user, looked up and read in a child JVM run as a user whom permissions stop
 * ({@link ChildJvm#runUnprivileged}): reported as not readable, naming what, never as missing.
 */
class UnreadableDataTest {
    @TempDir
    Path root;
    private Path data;
    private Path mnist;

    @BeforeEach
    void layOut() throws IOException {
        data = root.resolve("data");
        mnist = Files.createDirectories(data.resolve("mnist"));
        Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), gzip(ubytes(2, 28, 28)));
        Files.write(mnist.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(3, 1)));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte.gz"), gzip(ubytes(1, 28, 28)));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(7)));
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                setMode(p, Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
            }
        }
    }

    /** Gives the owner back what the tests took away, so that the temporary directory can be removed. */
    @AfterEach
    void restore() throws IOException {
        setMode(data, "rwxr-xr-x");
        setMode(mnist, "rwxr-xr-x");
    }

    private static void setMode(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static String notFound(String line, Path flag) {
        return "mnist not found: looked for train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), "
                + "t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz) in:\n"
                + "  " + line + "   [--data " + flag + "]\n"
                + "to fix: pass --data DIR or set CHAINRULE_DATA=DIR, where DIR/mnist/ holds those files; to fetch "
                + "them: chainrule download mnist --data DIR\n";
    }

    @Test
    void theReadableDataIsFound() throws IOException {
        assertEquals(new ChildJvm.Outcome(0, mnist + "\n"), ChildJvm.runUnprivileged(DataProbe.class, "find",
                data.toString()));
    }

    @Test
    void anUnreadableDatasetDirectoryIsNotReadableRatherThanMissingItsFiles() throws IOException {
        setMode(mnist, "---------");
        assertEquals(new ChildJvm.Outcome(1, notFound(mnist + ": not readable (permission denied)", data)),
                ChildJvm.runUnprivileged(DataProbe.class, "find", data.toString()));
    }

    @Test
    void anUnreadableDataDirectoryIsNotReadableRatherThanEmpty() throws IOException {
        setMode(data, "---------");
        assertEquals(new ChildJvm.Outcome(1, notFound(data + ": not readable (permission denied)", data)),
                ChildJvm.runUnprivileged(DataProbe.class, "find", data.toString()));
    }

    @Test
    void aDirectoryInsideAnUnreadableOneIsNotReadableRatherThanAbsent() throws IOException {
        setMode(data, "---------");
        assertEquals(new ChildJvm.Outcome(1, notFound(mnist + ": not readable (permission denied)", mnist)),
                ChildJvm.runUnprivileged(DataProbe.class, "find", mnist.toString()));
    }

    @Test
    void anUnreadableFileIsNamedAsNotReadable() throws IOException {
        Path labels = mnist.resolve("train-labels-idx1-ubyte.gz");
        setMode(labels, "---------");
        assertEquals(new ChildJvm.Outcome(1, labels + ": not readable (permission denied)\n"),
                ChildJvm.runUnprivileged(DataProbe.class, "train", mnist.toString()));
    }
}
