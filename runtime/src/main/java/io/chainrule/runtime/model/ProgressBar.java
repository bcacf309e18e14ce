package io.chainrule.runtime.model;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with the running loss and throughput, redrawn in place on a terminal; elsewhere (a log, CI) only the
 * per-epoch lines are printed, so files stay readable. Times under a second are shown in milliseconds.
 */
public final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;
    private int epochs;

    /** @param terminal whether {@code out} is a terminal, where the bar is redrawn in place */
    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void batchEnded(BatchProgress p) {
        epochs = p.epochs();
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < 100_000_000L && p.batch() < p.batches())) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * p.batch() / p.batches());
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f %.0f ex/s ", p.epoch(), p.epochs(),
                "=".repeat(filled), " ".repeat(WIDTH - filled), p.batch(), p.batches(), p.loss(),
                p.examplesPerSecond());
        out.flush();
    }

    @Override
    public void epochEnded(EpochRecord r) {
        if (terminal) {
            out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        }
        String validation = r.validation() == null ? "" : ", validation " + r.validation().summary();
        out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f%s, %s, %.0f examples/s%n", r.epoch(),
                Math.max(epochs, r.epoch()), r.trainLoss(), validation, duration(r.seconds()), r.examplesPerSecond());
        out.flush();
    }

    @Override
    public void fitEnded(History history) {
        if (history.stoppedEarlyBecause() != null) {
            out.println(history.stoppedEarlyBecause());
        }
    }

    /** {@code 850 ms} under a second, {@code 2.4 s} from one on. */
    static String duration(double seconds) {
        return seconds < 1 ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
