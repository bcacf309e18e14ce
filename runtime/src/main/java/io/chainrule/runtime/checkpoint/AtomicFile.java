package io.chainrule.runtime.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file all at once: the contents go to a temporary file in the same directory, are forced to the disk, and
 * the temporary file is then renamed over the target. Readers see the old file or the new one, never part of the new
 * one, even if the writer fails or the machine stops halfway.
 */
final class AtomicFile {
    /** Writes a file's whole contents. */
    @FunctionalInterface
    interface Contents {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code target} by {@code contents}; on failure deletes the temporary file, leaving target as it was. */
    static void write(Path target, Contents contents) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                contents.writeTo(out);
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /**
     * Files.createTempFile alone makes the file readable by its owner only, which the rename would pass on to the
     * target; asking for rw-rw-rw- lets the umask decide, as for any new file.
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }
}
