package io.chainrule.runtime.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a safetensors file chainrule can read: truncated, with a header that is malformed or
 * inconsistent with the data, a dtype chainrule does not read, or I64 values beyond i32. The message is one line,
 * the file then the problem: {@code model.safetensors: tensor fc1.weight: f32[120,784] needs 376320 bytes,
 * data_offsets give 376316}.
 */
public final class SafeTensorsFormatException extends IOException {
    SafeTensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
