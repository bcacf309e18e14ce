package io.chainrule.runtime.model;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The epochs of one fit, in order; saved as CSV for plotting. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();
    private String stoppedEarly;

    /** Made by a fit, which adds each epoch as it ends. */
    History() {
    }

    void add(EpochRecord r) {
        epochs.add(r);
    }

    void stoppedEarly(String why) {
        stoppedEarly = why;
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    /** The last epoch's record; a fit runs at least one epoch. */
    public EpochRecord last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Why training stopped before its last epoch (early stopping), or null when it ran them all. */
    public String stoppedEarlyBecause() {
        return stoppedEarly;
    }

    /**
     * Writes the epochs as CSV with a header line, replacing {@code file} atomically ({@link AtomicFile}); the
     * validation columns are the validation metrics' own, and absent without a validation set.
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (!epochs.isEmpty()) {
            sb.append(String.join(",", epochs.get(0).cells().keySet())).append('\n');
        }
        epochs.forEach(e -> sb.append(String.join(",", e.cells().values())).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, out -> {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        });
    }
}
