package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds.
 *
 * @param tensors  its tensors by name, in the order of their data in the file
 * @param metadata the string pairs of its {@code __metadata__} (empty when it has none)
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
