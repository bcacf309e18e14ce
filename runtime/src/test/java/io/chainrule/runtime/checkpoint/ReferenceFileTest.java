package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files assembled here byte by byte as the reference safetensors writer (which PyTorch's save_file calls) lays them
 * out: compact JSON, __metadata__ first, tensors by dtype (widest first) then name, header padded with spaces to a
 * multiple of 8, data little-endian.
 */
class ReferenceFileTest {
    private static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"running\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
            + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[16,32]},"
            + "\"step\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[32,36]}}";
    private static final byte[] DATA = RawFile.hex(
            "00 00 00 00 00 00 d0 3f" // 0.25
            + "00 00 00 3f 00 00 00 bf" // 0.5, -0.5
            + "00 00 80 3f 00 00 00 40 00 00 40 40 00 00 80 40" // 1, 2, 3, 4
            + "03 00 00 00"); // 3

    @TempDir
    Path dir;

    @Test
    void chainruleReadsWhatTheReferenceWriterWrites() throws IOException {
        Path file = dir.resolve("reference.safetensors");
        Files.write(file, RawFile.assemble(RawFile.padded(HEADER), DATA));

        SafeTensorsFile read = SafeTensors.read(file);

        assertEquals(List.of("running", "fc.bias", "fc.weight", "step"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new double[] {0.25}, read.tensors().get("running").doubles());
        assertArrayEquals(new float[] {0.5f, -0.5f}, read.tensors().get("fc.bias").floats());
        assertEquals(TensorType.of(DType.F32, 2, 2), read.tensors().get("fc.weight").type());
        assertArrayEquals(new float[] {1, 2, 3, 4}, read.tensors().get("fc.weight").floats());
        assertEquals(TensorType.of(DType.I32), read.tensors().get("step").type());
        assertArrayEquals(new int[] {3}, read.tensors().get("step").ints());
        assertEquals(Map.of("format", "pt"), read.metadata());
    }

    @Test
    void chainruleWritesTheSameBytesAsTheReferenceWriter() throws IOException {
        Path file = dir.resolve("written.safetensors");
        SafeTensors.write(file, Map.of(
                "fc.weight", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2),
                "step", Tensor.of(new int[] {3}),
                "fc.bias", Tensor.of(new float[] {0.5f, -0.5f}, 2),
                "running", Tensor.of(new double[] {0.25}, 1)), Map.of("format", "pt"));

        assertArrayEquals(RawFile.assemble(RawFile.padded(HEADER), DATA), Files.readAllBytes(file));
    }

    @Test
    void aHeaderThatNeedsNoPaddingGetsNone() throws IOException {
        String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        Path file = dir.resolve("attn.safetensors");

        SafeTensors.write(file, Map.of("attn.0", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)), Map.of());

        assertEquals(64, header.length());
        assertArrayEquals(RawFile.assemble(header, RawFile.hex(
                "00 00 00 00 00 00 80 3f 00 00 00 40 00 00 40 40 00 00 80 40 00 00 a0 40")), Files.readAllBytes(file));
    }

    @Test
    void anEmptyFileIsTwoBracesAndPadding() throws IOException {
        Path file = dir.resolve("nothing.safetensors");
        SafeTensors.write(file, Map.of(), Map.of());
        assertArrayEquals(RawFile.assemble("{}      ", new byte[0]), Files.readAllBytes(file));
    }

    @Test
    void readingReliesOnNeitherOrderNorLayoutOfTheHeader() throws IOException {
        String header = "{\n"
                + "  \"step\": {\"data_offsets\": [0, 4], \"shape\": [], \"dtype\": \"I32\"},\n"
                + "  \"fc.weight\": {\"shape\": [2, 2], \"dtype\": \"F32\", \"data_offsets\": [12, 28]},\n"
                + "  \"fc.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]},\n"
                + "  \"__metadata__\": {\"epoch\": \"3\", \"format\": \"pt\"}\n"
                + "}\n";
        byte[] data = RawFile.hex("07 00 00 00" + "00 00 00 3f 00 00 00 bf"
                + "00 00 80 3f 00 00 00 40 00 00 40 40 00 00 80 40");
        Path file = dir.resolve("pretty.safetensors");
        Files.write(file, RawFile.assemble(header, data));

        SafeTensorsFile read = SafeTensors.read(file);

        assertEquals(List.of("step", "fc.bias", "fc.weight"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new int[] {7}, read.tensors().get("step").ints());
        assertArrayEquals(new float[] {0.5f, -0.5f}, read.tensors().get("fc.bias").floats());
        assertArrayEquals(new float[] {1, 2, 3, 4}, read.tensors().get("fc.weight").floats());
        assertEquals(Map.of("epoch", "3", "format", "pt"), read.metadata());
    }
}
