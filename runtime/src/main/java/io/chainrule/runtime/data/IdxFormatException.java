package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that is not what it should be, on one line naming the file and what was expected:
 * {@code .../train-images-idx3-ubyte.gz: truncated: expected 47040000 bytes of data (...) after the 16-byte header,
 * found 2842608}.
 */
public class IdxFormatException extends IOException {
    private final transient Path file;

    IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
