package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    static final float[] AWKWARD_FLOATS = {
        0f, -0f, 1f / 3, Float.MIN_VALUE, Float.intBitsToFloat(0x007fffff), Float.MIN_NORMAL, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00001),
        Float.intBitsToFloat(0xffc00000)
    };

    static final double[] AWKWARD_DOUBLES = {
        0d, -0d, 1d / 3, Double.MIN_VALUE, Double.longBitsToDouble(0x000fffffffffffffL), Double.MIN_NORMAL,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfff8000000000000L)
    };

    static final int[] AWKWARD_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304};

    @Test
    void everyDtypeComesBackBitForBit() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("floats", Tensor.of(AWKWARD_FLOATS.clone(), 3, 4));
        tensors.put("doubles", Tensor.of(AWKWARD_DOUBLES.clone(), 2, 3, 2));
        tensors.put("ints", Tensor.of(AWKWARD_INTS.clone(), 6));
        Path file = dir.resolve("awkward.safetensors");

        SafeTensors.write(file, tensors, Map.of());
        Map<String, Tensor> read = SafeTensors.read(file).tensors();

        assertEquals(TensorType.of(DType.F32, 3, 4), read.get("floats").type());
        assertEquals(TensorType.of(DType.F64, 2, 3, 2), read.get("doubles").type());
        assertEquals(TensorType.of(DType.I32, 6), read.get("ints").type());
        assertArrayEquals(bits(AWKWARD_FLOATS), bits(read.get("floats").floats()));
        assertArrayEquals(bits(AWKWARD_DOUBLES), bits(read.get("doubles").doubles()));
        assertArrayEquals(AWKWARD_INTS, read.get("ints").ints());
    }

    @Test
    void scalarsAndEmptyTensorsKeepTheirShapes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("step", Tensor.scalar(DType.I32, 7));
        tensors.put("lr", Tensor.scalar(DType.F64, 0.001));
        tensors.put("empty", Tensor.zeros(TensorType.of(DType.F32, 0, 3)));
        tensors.put("also.empty", Tensor.zeros(TensorType.of(DType.F32, 4, 0)));
        tensors.put("after", Tensor.of(new float[] {1, 2}, 2));
        Path file = dir.resolve("shapes.safetensors");

        SafeTensors.write(file, tensors, Map.of());
        Map<String, Tensor> read = SafeTensors.read(file).tensors();

        assertEquals(TensorType.of(DType.I32), read.get("step").type());
        assertEquals(7, read.get("step").ints()[0]);
        assertEquals(0.001, read.get("lr").doubles()[0]);
        assertEquals(TensorType.of(DType.F32, 0, 3), read.get("empty").type());
        assertEquals(TensorType.of(DType.F32, 4, 0), read.get("also.empty").type());
        assertArrayEquals(new float[] {1, 2}, read.get("after").floats());
    }

    @Test
    void tensorsLargerThanTheCopyBufferArriveWhole() throws IOException {
        float[] big = new float[100_003];
        double[] bigger = new double[20_011];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        for (int i = 0; i < bigger.length; i++) {
            bigger[i] = Math.sqrt(i);
        }
        Path file = dir.resolve("big.safetensors");

        SafeTensors.write(file, Map.of("big", Tensor.of(big, big.length), "bigger", Tensor.of(bigger, 20_011)),
                Map.of());
        SafeTensorsFile read = SafeTensors.read(file);

        assertArrayEquals(bits(big), bits(read.tensors().get("big").floats()));
        assertArrayEquals(bits(bigger), bits(read.tensors().get("bigger").doubles()));
    }

    @Test
    void metadataComesBackWithEscapesAndNonAsciiText() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "chainrule");
        metadata.put("epoch", "3");
        metadata.put("optimizer", "adam(lr=0.001, betas=(0.9, 0.999))");
        metadata.put("awkward \"key\"", "back\\slash / tab\t newline\n nul\u0000 bell\u0007 del\u007f");
        metadata.put("unicode", "é ü 中文 😀");
        metadata.put("", "");
        Path file = dir.resolve("metadata.safetensors");

        SafeTensors.write(file, Map.of("w", Tensor.of(new float[] {1}, 1)), metadata);

        assertEquals(metadata, SafeTensors.read(file).metadata());
    }

    @Test
    void namesMayHoldAnyUnicode() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer\"1\".weight", Tensor.of(new float[] {1}, 1));
        tensors.put("слой.bias", Tensor.of(new float[] {2}, 1));
        tensors.put("emoji😀\n", Tensor.of(new float[] {3}, 1));
        Path file = dir.resolve("names.safetensors");

        SafeTensors.write(file, tensors, Map.of());
        Map<String, Tensor> read = SafeTensors.read(file).tensors();

        assertEquals(tensors.keySet(), read.keySet());
        tensors.forEach((name, t) -> assertArrayEquals(t.floats(), read.get(name).floats(), name));
    }

    @Test
    void noMetadataReadsAsEmpty() throws IOException {
        Path file = dir.resolve("plain.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new int[] {1}, 1)), Map.of());
        assertEquals(Map.of(), SafeTensors.read(file).metadata());
    }

    @Test
    void noTensorsAtAllIsAValidFile() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        SafeTensors.write(file, Map.of(), Map.of("epoch", "0"));
        SafeTensorsFile read = SafeTensors.read(file);
        assertEquals(Map.of(), read.tensors());
        assertEquals(Map.of("epoch", "0"), read.metadata());
    }

    @Test
    void tensorsAreReadInFileOrderWidestDtypeFirstThenByName() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.int", Tensor.of(new int[] {1}, 1));
        tensors.put("b.float", Tensor.of(new float[] {1}, 1));
        tensors.put("a.int", Tensor.of(new int[] {1}, 1));
        tensors.put("z.double", Tensor.of(new double[] {1}, 1));
        tensors.put("a.float", Tensor.of(new float[] {1}, 1));
        Path file = dir.resolve("order.safetensors");

        SafeTensors.write(file, tensors, Map.of());

        assertEquals(List.of("z.double", "a.float", "b.float", "a.int", "b.int"),
                List.copyOf(SafeTensors.read(file).tensors().keySet()));
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
