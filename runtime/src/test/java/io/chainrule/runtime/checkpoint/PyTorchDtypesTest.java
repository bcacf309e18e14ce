package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as PyTorch writes them, assembled byte by byte: I64 labels (torch.long, its default for integers) load as i32
 * when every value fits; F16 and BF16 widen to f32 exactly, zeros, subnormals, infinities and NaN included; any other
 * dtype is refused by name.
 */
class PyTorchDtypesTest {
    @TempDir
    Path dir;

    private Path file(String header, String dataHex) throws IOException {
        Path file = dir.resolve("torch.safetensors");
        Files.write(file, RawFile.assemble(RawFile.padded(header), RawFile.hex(dataHex)));
        return file;
    }

    private static String entry(String name, String dtype, int elements, int begin, int end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + elements + "],\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    /** The bits of each float, so that -0 differs from 0 and NaN equals NaN only with the same payload. */
    private static int[] bits(float... values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @Test
    void i64LabelsLoadAsI32() throws IOException {
        Path file = file("{" + entry("labels", "I64", 5, 0, 40) + "}",
                "00 00 00 00 00 00 00 00" // 0
                + "09 00 00 00 00 00 00 00" // 9
                + "ff ff ff ff ff ff ff ff" // -1
                + "ff ff ff 7f 00 00 00 00" // 2147483647
                + "00 00 00 80 ff ff ff ff"); // -2147483648

        Tensor labels = SafeTensors.read(file).tensors().get("labels");

        assertEquals(TensorType.of(DType.I32, 5), labels.type());
        assertArrayEquals(new int[] {0, 9, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, labels.ints());
    }

    @Test
    void anI64ValueBeyondI32IsRefusedNamingTheTensorAndTheValue() throws IOException {
        String range = ", chainrule's integer dtype; I64 tensors load when every value lies in [-2147483648,"
                + " 2147483647]";
        Path above = file("{" + entry("labels", "I64", 3, 0, 24) + "}",
                "01 00 00 00 00 00 00 00 00 00 00 80 00 00 00 00 02 00 00 00 00 00 00 00"); // 1, 2^31, 2
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(above));
        assertEquals(above + ": tensor labels: I64 value 2147483648 at element 1 does not fit in i32" + range,
                e.getMessage());

        Path below = file("{" + entry("ids", "I64", 1, 0, 8) + "}", "ff ff ff 7f ff ff ff ff"); // -2^31 - 1
        e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(below));
        assertEquals(below + ": tensor ids: I64 value -2147483649 at element 0 does not fit in i32" + range,
                e.getMessage());
    }

    @Test
    void f16WidensToF32Exactly() throws IOException {
        Path file = file("{" + entry("w", "F16", 12, 0, 24) + "}",
                "00 3c 00 c0 55 35 ff 7b" // 1, -2, 0x3555 = 1/3 rounded to 0.333251953125, 65504 (the largest)
                + "00 04 01 00 ff 03 00 80" // 2^-14 (smallest normal), 2^-24 (smallest subnormal), 1023 * 2^-24, -0
                + "00 7c 00 fc 00 7e 01 7c"); // inf, -inf, NaN (quiet), NaN with payload 1

        Tensor w = SafeTensors.read(file).tensors().get("w");

        assertEquals(TensorType.of(DType.F32, 12), w.type());
        assertArrayEquals(bits(1, -2, 0.333251953125f, 65504, 0x1p-14f, 0x1p-24f, 1023 * 0x1p-24f, -0f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00000),
                Float.intBitsToFloat(0x7f802000)), bits(w.floats()));
    }

    @Test
    void bf16WidensToF32Exactly() throws IOException {
        Path file = file("{" + entry("w", "BF16", 8, 0, 16) + "}",
                "49 40 80 3f 00 80 01 00" // pi as bf16, 0x4049 = 3.140625; 1; -0; 2^-133 (smallest subnormal)
                + "7f 7f 80 ff c0 7f 80 bf"); // 0x7f7f (the largest), -inf, NaN, -1

        Tensor w = SafeTensors.read(file).tensors().get("w");

        assertEquals(TensorType.of(DType.F32, 8), w.type());
        assertArrayEquals(bits(3.140625f, 1, -0f, 0x1p-133f, Float.intBitsToFloat(0x7f7f0000),
                Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00000), -1), bits(w.floats()));
    }

    @Test
    void aHalfPrecisionCheckpointWithI64StateLoadsIntoAFloatModel() throws IOException {
        // as torch writes them: the 8-byte dtype first, then the 2-byte ones
        Path file = file("{" + entry("step", "I64", 1, 0, 8) + "," + entry("fc.bias", "BF16", 2, 8, 12) + ","
                + entry("fc.weight", "F16", 2, 12, 16) + "}",
                "07 00 00 00 00 00 00 00 c0 3f 00 c0 00 38 00 b4"); // 7; 1.5, -2; 0.5, -0.25
        Map<String, Tensor> model = new HashMap<>(Map.of("fc.weight", Tensor.zeros(TensorType.of(DType.F32, 2)),
                "fc.bias", Tensor.zeros(TensorType.of(DType.F32, 2)),
                "step", Tensor.zeros(TensorType.of(DType.I32, 1))));

        Checkpoint.load(file, model);

        assertArrayEquals(new float[] {0.5f, -0.25f}, model.get("fc.weight").floats());
        assertArrayEquals(new float[] {1.5f, -2}, model.get("fc.bias").floats());
        assertArrayEquals(new int[] {7}, model.get("step").ints());
    }

    @Test
    void anyOtherDtypeIsRefusedNamingTheTensorAndTheDtype() throws IOException {
        for (String dtype : List.of("U8", "I8", "BOOL", "F8_E4M3", "F8_E5M2", "I16", "U16", "U32", "U64", "C64")) {
            Path file = file("{" + entry("mask", dtype, 0, 0, 0) + "}", "");
            SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                    () -> SafeTensors.read(file));
            assertEquals(file + ": tensor mask: dtype \"" + dtype + "\" cannot be read; chainrule reads F64, F32, I32,"
                    + " F16 and BF16 (widened to f32) and I64 (narrowed to i32)", e.getMessage());
        }
    }

    @Test
    void aHalfPrecisionEntryIsSizedByItsTwoByteElements() throws IOException {
        Path file = file("{" + entry("w", "F16", 3, 0, 12) + "}", "00".repeat(12));
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": tensor w: F16[3] needs 6 bytes, data_offsets give 12", e.getMessage());
    }
}
