package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint cut short anywhere is reported as truncated, saying where the cut fell. */
class TruncatedFileTest {
    @TempDir
    Path dir;

    private byte[] whole;
    private int headerLength;
    private Path cut;

    @BeforeEach
    void writeAWholeFile() throws IOException {
        Path file = dir.resolve("whole.safetensors");
        // a takes data bytes [0, 16), b [16, 28).
        SafeTensors.write(file, Map.of("a", Tensor.of(new double[] {1, 2}, 2),
                "b", Tensor.of(new float[] {3, 4, 5}, 3)), Map.of("epoch", "3"));
        whole = Files.readAllBytes(file);
        headerLength = whole.length - 8 - 28;
        cut = dir.resolve("cut.safetensors");
    }

    @Test
    void everyCutPointIsReportedAsTruncation() throws IOException {
        for (int length = 0; length < whole.length; length++) {
            String message = readCut(length);
            assertTrue(message.startsWith(cut + ": truncated"), length + " bytes: " + message);
        }
    }

    @Test
    void aCutInsideTheHeaderLength() throws IOException {
        assertEquals(cut + ": truncated: 0 bytes, fewer than the 8 of the header length", readCut(0));
        assertEquals(cut + ": truncated: 5 bytes, fewer than the 8 of the header length", readCut(5));
    }

    @Test
    void aCutInsideTheHeader() throws IOException {
        assertEquals(cut + ": truncated inside the header: the header length is " + headerLength
                + " bytes, the file holds 0 after it", readCut(8));
        assertEquals(cut + ": truncated inside the header: the header length is " + headerLength
                + " bytes, the file holds 17 after it", readCut(8 + 17));
    }

    @Test
    void aCutInsideTheData() throws IOException {
        int dataStart = 8 + headerLength;
        assertEquals(cut + ": truncated inside the data: the header describes 28 bytes of tensor data, the file holds"
                + " 0, ending before tensor a", readCut(dataStart));
        assertEquals(cut + ": truncated inside the data: the header describes 28 bytes of tensor data, the file holds"
                + " 5, ending inside tensor a", readCut(dataStart + 5));
        assertEquals(cut + ": truncated inside the data: the header describes 28 bytes of tensor data, the file holds"
                + " 16, ending before tensor b", readCut(dataStart + 16));
        assertEquals(cut + ": truncated inside the data: the header describes 28 bytes of tensor data, the file holds"
                + " 27, ending inside tensor b", readCut(dataStart + 27));
    }

    private String readCut(int length) throws IOException {
        Files.write(cut, Arrays.copyOf(whole, length));
        return assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(cut)).getMessage();
    }
}
