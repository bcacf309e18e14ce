package io.chainrule.runtime.checkpoint;

import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.checkpoint.JsonValue.JsonArray;
import io.chainrule.runtime.checkpoint.JsonValue.JsonInteger;
import io.chainrule.runtime.checkpoint.JsonValue.JsonObject;
import io.chainrule.runtime.checkpoint.JsonValue.JsonString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors header and checks it against the data that follows it, trusting nothing: every entry's dtype,
 * shape and offsets, then that the entries tile the data exactly, with no gap, overlap or byte left over. A data
 * section shorter than a well-formed layout needs is reported as truncation, the usual cause, rather than as bad
 * offsets.
 */
final class HeaderParser {
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    private final Path file;

    private HeaderParser(Path file) {
        this.file = file;
    }

    /** The header in {@code bytes}, checked against a data section of {@code dataLength} bytes. */
    static Header parse(Path file, byte[] bytes, long dataLength) throws SafeTensorsFormatException {
        return new HeaderParser(file).header(bytes, dataLength);
    }

    private Header header(byte[] bytes, long dataLength) throws SafeTensorsFormatException {
        JsonValue root;
        try {
            root = JsonReader.parse(bytes);
        } catch (JsonSyntaxException e) {
            throw fail("malformed header JSON at byte " + e.position() + " of the header: " + e.reason());
        }
        if (!(root instanceof JsonObject)) {
            throw fail("the header is " + root.kind() + ", not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<HeaderEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : ((JsonObject) root).members().entrySet()) {
            if (member.getKey().equals(Header.METADATA_KEY)) {
                metadata = metadata(member.getValue());
            } else {
                entries.add(entry(member.getKey(), member.getValue()));
            }
        }
        // Stable, so that empty tensors sharing an offset keep the header's order.
        entries.sort(Comparator.comparingLong(HeaderEntry::begin).thenComparingLong(HeaderEntry::end));
        checkTiling(entries, dataLength);
        return new Header(entries, metadata);
    }

    private Map<String, String> metadata(JsonValue value) throws SafeTensorsFormatException {
        if (!(value instanceof JsonObject)) {
            throw fail(Header.METADATA_KEY + " is " + value.kind() + ", not an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> pair : ((JsonObject) value).members().entrySet()) {
            if (!(pair.getValue() instanceof JsonString)) {
                throw fail(Header.METADATA_KEY + " value for " + new JsonString(pair.getKey()).toJson() + " is "
                        + pair.getValue().kind() + ", not a string");
            }
            metadata.put(pair.getKey(), ((JsonString) pair.getValue()).value());
        }
        return metadata;
    }

    private HeaderEntry entry(String name, JsonValue value) throws SafeTensorsFormatException {
        if (!(value instanceof JsonObject)) {
            throw failAt(name, "expected an object with dtype, shape and data_offsets, found " + value.kind());
        }
        Map<String, JsonValue> fields = ((JsonObject) value).members();
        for (String key : fields.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw failAt(name, "unexpected key " + new JsonString(key).toJson()
                        + " (an entry has dtype, shape and data_offsets)");
            }
        }
        SafeTensorsDtype dtype = dtype(name, field(name, fields, "dtype"));
        int[] dims = shape(name, field(name, fields, "shape"));
        long[] offsets = offsets(name, field(name, fields, "data_offsets"));
        TensorType type = new TensorType(dtype.dtype(), Shape.of(dims));
        long elements = elements(name, dims);
        long needed = elements * dtype.byteSize();
        long given = offsets[1] - offsets[0];
        if (given != needed) {
            String stored = dtype.dtype().name().equals(dtype.name()) ? type.toString() : dtype.name() + type.shape();
            throw failAt(name, stored + " needs " + needed + " bytes, data_offsets give " + given);
        }
        return new HeaderEntry(name, dtype, type, offsets[0], offsets[1]);
    }

    private JsonValue field(String name, Map<String, JsonValue> fields, String key)
            throws SafeTensorsFormatException {
        JsonValue value = fields.get(key);
        if (value == null) {
            throw failAt(name, "no " + key);
        }
        return value;
    }

    private SafeTensorsDtype dtype(String name, JsonValue value) throws SafeTensorsFormatException {
        if (!(value instanceof JsonString)) {
            throw failAt(name, "dtype is " + value.kind() + ", not a string");
        }
        String text = ((JsonString) value).value();
        return SafeTensorsDtype.named(text).orElseThrow(() -> failAt(name, "dtype " + value.toJson()
                + " cannot be read; chainrule reads " + SafeTensorsDtype.READ));
    }

    private int[] shape(String name, JsonValue value) throws SafeTensorsFormatException {
        long[] dims = integers(value);
        if (dims == null || !allWithin(dims, Integer.MAX_VALUE)) {
            throw failAt(name, "shape " + value.toJson() + " is not an array of integers from 0 to "
                    + Integer.MAX_VALUE);
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return shape;
    }

    private long[] offsets(String name, JsonValue value) throws SafeTensorsFormatException {
        long[] offsets = integers(value);
        if (offsets == null || offsets.length != 2 || !allWithin(offsets, Long.MAX_VALUE)) {
            throw failAt(name, "data_offsets " + value.toJson()
                    + " is not a pair [begin, end] of non-negative integers");
        }
        if (offsets[1] < offsets[0]) {
            throw failAt(name, "data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] end before they begin");
        }
        return offsets;
    }

    /** The elements of an array of integers, or null if {@code value} is anything else. */
    private static long[] integers(JsonValue value) {
        if (!(value instanceof JsonArray)) {
            return null;
        }
        List<JsonValue> elements = ((JsonArray) value).elements();
        long[] numbers = new long[elements.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(elements.get(i) instanceof JsonInteger)) {
                return null;
            }
            numbers[i] = ((JsonInteger) elements.get(i)).value();
        }
        return numbers;
    }

    private static boolean allWithin(long[] numbers, long max) {
        for (long n : numbers) {
            if (n < 0 || n > max) {
                return false;
            }
        }
        return true;
    }

    /** The element count, which a chainrule tensor, backed by one Java array, holds at most 2^31-1 of. */
    private long elements(String name, int[] dims) throws SafeTensorsFormatException {
        long count = 1;
        for (int d : dims) {
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw failAt(name, "shape " + Shape.of(dims) + " has more than " + Integer.MAX_VALUE
                        + " elements, the most a chainrule tensor holds");
            }
        }
        return count;
    }

    /** Checks that the entries, sorted by offset, cover {@code [0, dataLength)} exactly once. */
    private void checkTiling(List<HeaderEntry> entries, long dataLength) throws SafeTensorsFormatException {
        long covered = 0;
        HeaderEntry previous = null;
        for (HeaderEntry e : entries) {
            if (e.begin() < covered) {
                throw failAt(e.name(), "data_offsets " + offsets(e) + " overlap those of tensor "
                        + Names.shown(previous.name()) + ", " + offsets(previous));
            }
            if (e.begin() > covered) {
                if (e.end() > dataLength) {
                    throw failAt(e.name(), "data_offsets " + offsets(e) + " lie outside the " + dataLength
                            + " bytes of data");
                }
                throw failAt(e.name(), "data_offsets " + offsets(e) + " leave bytes " + covered + " to "
                        + e.begin() + " of the data unused");
            }
            covered = e.end();
            previous = e;
        }
        if (covered > dataLength) {
            HeaderEntry cut = entries.stream().filter(e -> e.end() > dataLength).findFirst().orElseThrow();
            throw fail("truncated inside the data: the header describes " + covered + " bytes of tensor data, the "
                    + "file holds " + dataLength + ", ending " + (cut.begin() < dataLength ? "inside" : "before")
                    + " tensor " + Names.shown(cut.name()));
        }
        if (covered < dataLength) {
            throw fail((dataLength - covered) + " trailing bytes after the " + covered
                    + " bytes of tensor data the header describes");
        }
    }

    private static String offsets(HeaderEntry e) {
        return "[" + e.begin() + ", " + e.end() + "]";
    }

    private SafeTensorsFormatException failAt(String tensor, String problem) {
        return fail("tensor " + Names.shown(tensor) + ": " + problem);
    }

    private SafeTensorsFormatException fail(String problem) {
        return new SafeTensorsFormatException(file, problem);
    }
}
