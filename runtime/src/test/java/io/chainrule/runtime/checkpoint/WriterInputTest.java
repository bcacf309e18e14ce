package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What safetensors cannot hold is refused with one line before any file is created. */
class WriterInputTest {
    @TempDir
    Path dir;

    @Test
    void anUnpairedSurrogateInANameIsRefused() throws IOException {
        assertRefused("tensor name has an unpaired surrogate \\uD800 after \"fc\", which UTF-8 cannot encode",
                Map.of("fc\ud800.weight", Tensor.of(new float[] {1}, 1)), Map.of());
    }

    @Test
    void anUnpairedSurrogateInMetadataIsRefused() throws IOException {
        assertRefused("metadata value for \"note\" has an unpaired surrogate \\uDC00 after \"\", which UTF-8 cannot"
                + " encode", Map.of(), Map.of("note", "\udc00"));
    }

    @Test
    void aNullTensorIsRefused() throws IOException {
        Map<String, Tensor> tensors = new HashMap<>();
        tensors.put("fc1.bias", null);
        assertRefused("tensor fc1.bias is null", tensors, Map.of());
    }

    @Test
    void aNullNameIsRefused() throws IOException {
        Map<String, Tensor> tensors = new HashMap<>();
        tensors.put(null, Tensor.of(new float[] {1}, 1));
        assertRefused("tensor name is null", tensors, Map.of());
    }

    @Test
    void aNullMetadataValueIsRefused() throws IOException {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("epoch", null);
        assertRefused("metadata value for \"epoch\" is null", Map.of(), metadata);
    }

    private void assertRefused(String message, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Path file = dir.resolve("refused.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, tensors, metadata));
        assertEquals(message, e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
