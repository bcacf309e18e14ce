package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A save that fails part way leaves the previous checkpoint exactly as it was, and no temporary file behind. */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private Path file;
    private byte[] previous;

    @BeforeEach
    void saveAPreviousCheckpoint() throws IOException {
        file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("fc1.weight", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)),
                Map.of("epoch", "1"));
        previous = Files.readAllBytes(file);
    }

    /** Byte counts that stop the new file inside its length, its header, its first chunk and a later chunk of data. */
    @ParameterizedTest(name = "fails after {0} bytes")
    @ValueSource(ints = {0, 5, 40, 1000, 200_000})
    void aSaveInterruptedMidWriteLeavesTheOldFile(int bytesBeforeFailure) throws IOException {
        AtomicFile.Contents contents = SafeTensors.contents(largerModel(), Map.of("epoch", "2"));

        IOException e = assertThrows(IOException.class,
                () -> AtomicFile.write(file, out -> contents.writeTo(new FailingChannel(out, bytesBeforeFailure))));

        assertEquals(file + ": disk full after " + bytesBeforeFailure + " bytes", e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void anUncheckedFailureAlsoLeavesTheOldFileAndIsRethrownAsItIs() throws IOException {
        IllegalStateException bug = new IllegalStateException("bug in the middle of a save");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, out -> {
            out.write(ByteBuffer.wrap(new byte[100]));
            throw bug;
        }));

        assertEquals(bug, e);
        assertArrayEquals(previous, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void aFailedFirstSaveLeavesNoFileAtAll() throws IOException {
        Path fresh = dir.resolve("fresh.safetensors");
        AtomicFile.Contents contents = SafeTensors.contents(largerModel(), Map.of());

        assertThrows(IOException.class,
                () -> AtomicFile.write(fresh, out -> contents.writeTo(new FailingChannel(out, 100))));

        assertFalse(Files.exists(fresh));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void inputSafetensorsCannotHoldFailsBeforeTouchingTheDisk() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file,
                Map.of("__metadata__", Tensor.of(new float[] {1}, 1)), Map.of()));

        assertEquals("tensor name __metadata__ is reserved for the metadata", e.getMessage());
        assertArrayEquals(previous, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void aSuccessfulSaveReplacesTheOldFileAndLeavesNothingElse() throws IOException {
        SafeTensors.write(file, largerModel(), Map.of("epoch", "2"));

        assertEquals(Map.of("epoch", "2"), SafeTensors.read(file).metadata());
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void aNewCheckpointGetsTheUsualPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Path checkpoint = dir.resolve("new.safetensors");

        SafeTensors.write(checkpoint, largerModel(), Map.of());

        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(checkpoint));
    }

    @Test
    void aSaveIntoAMissingDirectoryNamesTheTargetNotATemporaryFile() {
        Path target = dir.resolve("missing/model.safetensors");

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> SafeTensors.write(target, largerModel(), Map.of()));

        assertEquals(target + ": no such directory " + target.getParent(), e.getMessage());
    }

    @Test
    void checkWritableRefusesWhatASaveWouldFailOnAndLeavesNothingBehind() throws IOException {
        Path missing = dir.resolve("missing/model.safetensors");
        Path underAFile = file.resolve("model.safetensors");

        assertEquals(dir + ": it is a directory", assertThrows(FileSystemException.class,
                () -> AtomicFile.checkWritable(dir)).getMessage());
        assertEquals(missing + ": no such directory " + missing.getParent(), assertThrows(FileSystemException.class,
                () -> AtomicFile.checkWritable(missing)).getMessage());
        assertEquals(underAFile + ": " + file + " is not a directory", assertThrows(FileSystemException.class,
                () -> AtomicFile.checkWritable(underAFile)).getMessage());
        AtomicFile.checkWritable(file);
        AtomicFile.checkWritable(dir.resolve("new.safetensors"));

        assertArrayEquals(previous, Files.readAllBytes(file));
        assertEquals(List.of(file), filesInDir());
    }

    private static Map<String, Tensor> largerModel() {
        return Map.of("fc1.weight", Tensor.zeros(TensorType.of(DType.F32, 120, 784)),
                "fc1.bias", Tensor.of(new float[120], 120));
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Passes the first {@code budget} bytes through, then fails as a full disk would. */
    private static final class FailingChannel implements WritableByteChannel {
        private final WritableByteChannel out;
        private final int budget;
        private int written;

        FailingChannel(WritableByteChannel out, int budget) {
            this.out = out;
            this.budget = budget;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (written == budget) {
                throw new IOException("disk full after " + budget + " bytes");
            }
            ByteBuffer allowed = src.slice();
            allowed.limit(Math.min(allowed.remaining(), budget - written));
            int n = out.write(allowed);
            src.position(src.position() + n);
            written += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
