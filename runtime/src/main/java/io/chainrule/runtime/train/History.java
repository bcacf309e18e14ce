package io.chainrule.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The epochs of a training run, saved as CSV for plotting (rewritten after every epoch, atomically). */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();

    void add(EpochRecord r) {
        epochs.add(r);
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        epochs.forEach(e -> sb.append(e.csv()).append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, sb);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
