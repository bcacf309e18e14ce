package io.chainrule.runtime.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file all at once, for checkpoints and the training history alike: the contents go to a temporary file in
 * the same directory, are forced to the disk, and the temporary file is then renamed over the target. Readers see the
 * old file or the new one, never part of the new one, even if the writer fails or the machine stops halfway.
 *
 * <p>A temporary file is named {@code <target>.chainrule-<16 hex digits>.tmp} and locked by its writer until it is
 * renamed. A save killed halfway leaves one, unlocked: the next save to the same target deletes it, while a locked one
 * (a save still running, in another process) is left alone. An orderly exit (Ctrl-C, SIGTERM) deletes this process's
 * own through a shutdown hook. Errors name the target, not the temporary file.
 */
public final class AtomicFile {
    /** Writes a file's whole contents. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private static final String MARK = ".chainrule-";
    private static final String SUFFIX = ".tmp";
    private static final int TRIES = 10;

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} by {@code contents}; on failure deletes the temporary file, leaving target as it was.
     * An I/O failure is a {@link FileSystemException} naming {@code target}; an unchecked one is rethrown as it is.
     */
    public static void write(Path target, Contents contents) throws IOException {
        Path dir = directoryOf(target);
        deleteAbandoned(dir, target.getFileName().toString());
        try (Temporary temp = Temporary.create(target, dir)) {
            contents.writeTo(temp.channel);
            temp.channel.force(true);
            Files.move(temp.path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp.moved = true;
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /**
     * Fails, with a {@link FileSystemException} naming {@code target} and the reason, when a {@link #write} to it
     * could not succeed for a reason known now: it is a directory or not a regular file, its directory is missing, or
     * no file can be created there. Changes nothing on disk; meant to be called before long work whose result is to
     * be written there.
     */
    public static void checkWritable(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "it is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(target.toString(), null, "it is not a regular file");
        }
        Path dir = directoryOf(target);
        if (!Files.isDirectory(dir)) {
            throw new FileSystemException(target.toString(), null, Files.exists(dir) ? dir + " is not a directory"
                    : "no such directory " + dir);
        }
        // whether a file can be created there (permissions, a read-only file system): only trying tells for sure
        try {
            Temporary.create(target, dir).close();
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    private static Path directoryOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(target + " is a root, not a file");
        }
        return parent;
    }

    private static FileSystemException failure(Path target, IOException e) {
        Path dir = directoryOf(target);
        String reason;
        if (!Files.isDirectory(dir)) {
            reason = "no such directory " + dir;
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        FileSystemException named = new FileSystemException(target.toString(), null, reason);
        named.initCause(e);
        return named;
    }

    /**
     * Deletes the temporary files of earlier saves to {@code name} that no writer holds: saves that were killed.
     * Best effort: a file that cannot be inspected is left, and the save goes on.
     */
    private static void deleteAbandoned(Path dir, String name) {
        Pattern ours = Pattern.compile(Pattern.quote(name + MARK) + "[0-9a-f]{16}" + Pattern.quote(SUFFIX));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path file : files) {
                if (!Temporary.LIVE.contains(file)) {
                    deleteIfUnlocked(file);
                }
            }
        } catch (IOException | SecurityException e) {
            // nothing to clean up, or nothing this process may clean up; the save itself reports real problems
        }
    }

    private static void deleteIfUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | OverlappingFileLockException e) {
            // in use, gone already, or not lockable here: not certainly abandoned, so left alone
        }
    }

    /**
     * A temporary file, created and locked; closing deletes it unless it was moved. Its path is in {@link #LIVE}
     * from before it exists until it is gone, so that this process never opens it to test its lock (closing any
     * channel to a file drops all of this process's locks on it).
     */
    private static final class Temporary implements AutoCloseable {
        static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Temporary::deleteAllLive, "chainrule-temp-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                // a save begun during shutdown: nothing left to register with
            }
        }

        final Path path;
        final FileChannel channel;
        boolean moved;

        private Temporary(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        static Temporary create(Path target, Path dir) throws IOException {
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                Path path = dir.resolve(target.getFileName() + MARK
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + SUFFIX);
                LIVE.add(path);
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            usualPermissions(dir));
                    lock(channel);
                    // another process's save may have taken the new, not yet locked file for abandoned and deleted it
                    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                        return new Temporary(path, channel);
                    }
                    channel.close();
                    LIVE.remove(path);
                } catch (Throwable e) {
                    try {
                        if (channel != null) {
                            channel.close();
                            Files.deleteIfExists(path);
                        }
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    LIVE.remove(path);
                    throw e;
                }
            }
            throw new IOException("every temporary file created was deleted at once, " + TRIES + " times");
        }

        /** Locks the whole file where the file system can; where it cannot, no other process can either. */
        private static void lock(FileChannel channel) throws IOException {
            try {
                channel.lock();
            } catch (IOException unsupported) {
                // e.g. "No locks available" on some network file systems: written unlocked
            }
        }

        /**
         * Files.createTempFile makes a file readable by its owner only, which the rename would pass on to the target;
         * asking for rw-rw-rw- lets the umask decide, as for any new file.
         */
        private static FileAttribute<?>[] usualPermissions(Path dir) {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"))};
            }
            return new FileAttribute<?>[0];
        }

        /** Deletes the file unless it was moved (while still holding the lock), then releases it. */
        @Override
        public void close() throws IOException {
            try (channel) {
                if (!moved) {
                    Files.deleteIfExists(path);
                }
            } finally {
                LIVE.remove(path);
            }
        }

        private static void deleteAllLive() {
            for (Path path : LIVE) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // the process is ending: nothing else to do about it
                }
            }
        }
    }
}
