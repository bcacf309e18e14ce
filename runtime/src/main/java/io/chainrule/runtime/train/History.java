package io.chainrule.runtime.train;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The epochs of a training run, saved as CSV for plotting. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();

    void add(EpochRecord r) {
        epochs.add(r);
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    /**
     * Writes the epochs as CSV with a header line, replacing {@code file} atomically as a checkpoint is replaced
     * ({@link AtomicFile}); the validation cells are empty when there was no validation set.
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        epochs.forEach(e -> sb.append(e.csv()).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, out -> {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        });
    }
}
