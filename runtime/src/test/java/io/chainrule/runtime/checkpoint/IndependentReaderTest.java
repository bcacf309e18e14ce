package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What chainrule writes, read by a reader that shares none of its code: a regex over the header, a ByteBuffer over
 * the data.
 */
class IndependentReaderTest {
    @TempDir
    Path dir;

    @Test
    void aMinimalIndependentReaderFindsEveryValue() throws IOException {
        float[] weight = {0.5f, -1.25f, 3e-39f, Float.NEGATIVE_INFINITY, -0f, 7, 8, 9, 10, 11, 12, 13};
        float[] bias = {1, 2, 3};
        double[] running = {Math.PI, -Double.MIN_VALUE};
        int[] step = {42};
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("fc1.weight", Tensor.of(weight, 3, 4));
        tensors.put("fc1.bias", Tensor.of(bias, 3));
        tensors.put("bn.running_var", Tensor.of(running, 2));
        tensors.put("step", Tensor.of(step));
        Path file = dir.resolve("model.safetensors");

        SafeTensors.write(file, tensors, Map.of("format", "chainrule", "epoch", "3"));
        MinimalReader read = new MinimalReader(Files.readAllBytes(file));

        assertEquals(Map.of("format", "chainrule", "epoch", "3"), read.metadata);
        assertEquals(tensors.keySet(), read.entries.keySet());
        assertEquals(new Entry("F32", List.of(3, 4), 28, 76), read.entries.get("fc1.weight"));
        assertEquals(new Entry("I32", List.of(), 76, 80), read.entries.get("step"));
        assertArrayEquals(weight, read.floats("fc1.weight"));
        assertArrayEquals(bias, read.floats("fc1.bias"));
        assertArrayEquals(running, read.doubles("bn.running_var"));
        assertArrayEquals(step, read.ints("step"));
    }

    @Test
    void theLayoutIsPaddedAlignedAndContiguous() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.of(new float[] {1, 2, 3}, 3));
        tensors.put("b", Tensor.of(new double[] {4, 5}, 2));
        tensors.put("c", Tensor.of(new int[] {6}, 1));
        tensors.put("d", Tensor.of(new double[] {7}, 1));
        Path file = dir.resolve("layout.safetensors");

        SafeTensors.write(file, tensors, Map.of("x", "yz"));
        byte[] bytes = Files.readAllBytes(file);
        MinimalReader read = new MinimalReader(bytes);

        assertEquals(0, read.headerLength % 8, "header length " + read.headerLength);
        String header = new String(bytes, 8, read.headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{") && header.stripTrailing().endsWith("}"), header);
        assertTrue(header.substring(header.lastIndexOf('}') + 1).chars().allMatch(c -> c == ' '), header);
        List<Entry> byOffset = new ArrayList<>(read.entries.values());
        byOffset.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        for (Entry e : byOffset) {
            assertEquals(expected, e.begin(), "contiguous");
            assertEquals(0, (8 + read.headerLength + e.begin()) % MinimalReader.elementBytes(e.dtype()),
                    "aligned in the file");
            expected = e.end();
        }
        assertEquals(bytes.length, 8 + read.headerLength + expected);
    }

    record Entry(String dtype, List<Integer> shape, long begin, long end) {
    }

    /** Reads plain names and values only, which is all these tests write. */
    static final class MinimalReader {
        private static final Pattern ENTRY = Pattern.compile("\"([^\"\\\\]+)\"\\s*:\\s*\\{"
                + "\\s*\"dtype\"\\s*:\\s*\"(\\w+)\"\\s*,"
                + "\\s*\"shape\"\\s*:\\s*\\[([0-9,\\s]*)]\\s*,"
                + "\\s*\"data_offsets\"\\s*:\\s*\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]\\s*}");
        private static final Pattern METADATA = Pattern.compile("\"__metadata__\"\\s*:\\s*\\{([^}]*)}");
        private static final Pattern PAIR = Pattern.compile("\"([^\"\\\\]*)\"\\s*:\\s*\"([^\"\\\\]*)\"");

        final int headerLength;
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Map<String, String> metadata = new LinkedHashMap<>();
        private final ByteBuffer data;

        MinimalReader(byte[] file) {
            ByteBuffer all = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            headerLength = Math.toIntExact(all.getLong(0));
            String header = new String(file, 8, headerLength, StandardCharsets.UTF_8);
            Matcher m = ENTRY.matcher(header);
            while (m.find()) {
                List<Integer> shape = Arrays.stream(m.group(3).split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(Integer::valueOf)
                        .toList();
                entries.put(m.group(1), new Entry(m.group(2), shape, Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5))));
            }
            Matcher meta = METADATA.matcher(header);
            if (meta.find()) {
                Matcher pair = PAIR.matcher(meta.group(1));
                while (pair.find()) {
                    metadata.put(pair.group(1), pair.group(2));
                }
            }
            data = ByteBuffer.wrap(file, 8 + headerLength, file.length - 8 - headerLength).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        static int elementBytes(String dtype) {
            return dtype.equals("F64") ? 8 : 4;
        }

        float[] floats(String name) {
            Entry e = checked(name, "F32");
            float[] values = new float[count(e)];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.getFloat((int) e.begin() + 4 * i);
            }
            return values;
        }

        double[] doubles(String name) {
            Entry e = checked(name, "F64");
            double[] values = new double[count(e)];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.getDouble((int) e.begin() + 8 * i);
            }
            return values;
        }

        int[] ints(String name) {
            Entry e = checked(name, "I32");
            int[] values = new int[count(e)];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.getInt((int) e.begin() + 4 * i);
            }
            return values;
        }

        private Entry checked(String name, String dtype) {
            Entry e = entries.get(name);
            assertEquals(dtype, e.dtype(), name);
            assertEquals((long) count(e) * elementBytes(dtype), e.end() - e.begin(), name + " byte count");
            return e;
        }

        private static int count(Entry e) {
            return e.shape().stream().reduce(1, Math::multiplyExact);
        }
    }
}
