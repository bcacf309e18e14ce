package io.chainrule.runtime.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the history so far as CSV after every epoch, so that a run stopped halfway leaves its epochs behind. A write
 * that fails does not stop training: the failure is kept, later epochs try again, and {@link #failure()} reports the
 * last one (the command line checks it after saving the model, so one failing output never costs another).
 */
public final class HistoryCsv implements TrainingListener {
    private final Path file;
    private final History written = new History();
    private IOException failure;

    public HistoryCsv(Path file) {
        this.file = file;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        written.add(record);
        try {
            written.writeCsv(file);
            failure = null;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The last write's failure, or null when the file holds every epoch. */
    public IOException failure() {
        return failure;
    }
}
