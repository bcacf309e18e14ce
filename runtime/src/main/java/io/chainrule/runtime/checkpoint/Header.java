package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.checkpoint.JsonValue.JsonArray;
import io.chainrule.runtime.checkpoint.JsonValue.JsonInteger;
import io.chainrule.runtime.checkpoint.JsonValue.JsonObject;
import io.chainrule.runtime.checkpoint.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors header: every tensor's entry in the order of their data, and the metadata. Built here for writing;
 * {@link HeaderParser} builds it from a file.
 */
record Header(List<HeaderEntry> entries, Map<String, String> metadata) {
    /** The reference implementation's limit: readers refuse larger headers, so a writer must not produce one. */
    static final long MAX_BYTES = 100_000_000;
    static final String METADATA_KEY = "__metadata__";

    /** Names compared as their UTF-8 bytes, as the reference writer (in Rust) sorts them. */
    private static final Comparator<String> UTF8_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    Header {
        entries = List.copyOf(entries);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The header for writing {@code tensors}: ordered as the reference writer orders them (by dtype, widest first,
     * then by name), their data packed from offset 0; the metadata sorted by key so that equal inputs give equal
     * files.
     */
    static Header layOut(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> ordered = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            checkName(e.getKey());
            if (e.getValue() == null) {
                throw new IllegalArgumentException("tensor " + Names.shown(e.getKey()) + " is null");
            }
            ordered.add(e);
        }
        ordered.sort(Comparator.<Map.Entry<String, Tensor>, SafeTensorsDtype>comparing(
                        e -> SafeTensorsDtype.of(e.getValue().dtype()))
                .thenComparing(Map.Entry::getKey, UTF8_ORDER));
        List<HeaderEntry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : ordered) {
            Tensor t = e.getValue();
            long end = offset + (long) t.size() * t.dtype().byteSize();
            entries.add(new HeaderEntry(e.getKey(), SafeTensorsDtype.of(t.dtype()), t.type(), offset, end));
            offset = end;
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            checkText("metadata key", e.getKey());
            checkText("metadata value for " + new JsonString(e.getKey()).toJson(), e.getValue());
            keys.add(e.getKey());
        }
        keys.sort(UTF8_ORDER);
        Map<String, String> sortedMetadata = new LinkedHashMap<>();
        keys.forEach(k -> sortedMetadata.put(k, metadata.get(k)));
        return new Header(entries, sortedMetadata);
    }

    private static void checkName(String name) {
        checkText("tensor name", name);
        if (name.equals(METADATA_KEY)) {
            throw new IllegalArgumentException("tensor name " + METADATA_KEY + " is reserved for the metadata");
        }
    }

    /** Rejects what UTF-8 cannot encode, which String.getBytes would silently turn into '?'. */
    private static void checkText(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + String.format(" has an unpaired surrogate \\u%04X", (int) c)
                        + " after " + new JsonString(text.substring(0, i)).toJson() + ", which UTF-8 cannot encode");
            }
        }
    }

    /**
     * Compact JSON, as the reference writer produces it, padded with spaces to a multiple of 8 bytes so that the data
     * after it starts 8-byte aligned.
     */
    byte[] encode() {
        Map<String, JsonValue> root = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, JsonValue> pairs = new LinkedHashMap<>();
            metadata.forEach((k, v) -> pairs.put(k, new JsonString(v)));
            root.put(METADATA_KEY, new JsonObject(pairs));
        }
        for (HeaderEntry e : entries) {
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            fields.put("dtype", new JsonString(e.stored().name()));
            List<JsonValue> dims = new ArrayList<>();
            for (int d : e.type().shape().dims()) {
                dims.add(new JsonInteger(d));
            }
            fields.put("shape", new JsonArray(dims));
            fields.put("data_offsets", new JsonArray(List.of(new JsonInteger(e.begin()), new JsonInteger(e.end()))));
            root.put(e.name(), new JsonObject(fields));
        }
        byte[] json = new JsonObject(root).toJson().getBytes(StandardCharsets.UTF_8);
        long padded = (json.length + 7L) / 8 * 8;
        if (padded > MAX_BYTES) {
            throw new IllegalArgumentException("the header would take " + padded + " bytes, more than the "
                    + MAX_BYTES + " safetensors readers accept");
        }
        byte[] header = Arrays.copyOf(json, (int) padded);
        Arrays.fill(header, json.length, header.length, (byte) ' ');
        return header;
    }
}
