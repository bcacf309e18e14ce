package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A main class of these tests run in a fresh JVM, for what the test JVM itself cannot show: a small heap, or a user
 * whom file permissions stop. Root reads everything, and the tests run as root in CI, so there an unprivileged child
 * runs as user nobody ({@code setpriv}); otherwise as the current user, whom permissions stop already. The child's
 * classes are copies, in a directory every user can read, of the class directories or jars it needs.
 */
final class ChildJvm {
    /** What the child printed, standard output and error together, and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    private static final int NOBODY = 65534;
    private static final long TIMEOUT_SECONDS = 120;

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code args} in a JVM started with {@code jvmOptions}, as the current user. */
    static Outcome run(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return run(false, jvmOptions, main, args);
    }

    /** Runs {@code main} with {@code args} as a user whom permissions stop: nobody when the tests run as root. */
    static Outcome runUnprivileged(Class<?> main, String... args) throws IOException {
        return run(true, List.of(), main, args);
    }

    private static Outcome run(boolean unprivileged, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException {
        Path scratch = Files.createTempDirectory("chainrule-child-");
        try {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> command = new ArrayList<>();
            if (unprivileged && new UnixSystem().getUid() == 0) {
                command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:-UsePerfData");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath(scratch, main, DataLocation.class, io.chainrule.ir.Shape.class));
            command.add(main.getName());
            command.addAll(List.of(args));
            Path output = scratch.resolve("output");
            // The working directory too must be one the child's user may enter, or its JVM does not start.
            ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().remove(DataLocation.ENVIRONMENT_VARIABLE);
            Process child = builder.start();
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail(command + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(child.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a child JVM", e);
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Copies the class directory or jar of each of {@code classes} under {@code scratch}: their class path. */
    private static String classpath(Path scratch, Class<?>... classes) throws IOException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : classes) {
            Path source;
            try {
                source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Path copy = scratch.resolve("classpath" + entries.size() + (Files.isDirectory(source) ? "" : ".jar"));
            try (Stream<Path> paths = Files.walk(source)) {
                paths.forEach(p -> copy(p, copy.resolve(source.relativize(p).toString())));
            }
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Copies one file or makes one directory, readable by every user whatever the umask. */
    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
                Files.copy(from, to);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
