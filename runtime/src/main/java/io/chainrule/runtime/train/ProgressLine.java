package io.chainrule.runtime.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with the running loss and throughput, redrawn in place on a terminal; elsewhere (a log, CI) only the
 * per-epoch lines are printed, so files stay readable.
 */
final class ProgressLine {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void batch(int epoch, int epochs, int done, int total, double loss, double examplesPerSecond) {
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < 100_000_000L && done < total)) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * done / total);
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f %.0f ex/s ", epoch, epochs,
                "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, loss, examplesPerSecond);
        out.flush();
    }

    void epoch(EpochRecord r, int epochs) {
        if (terminal) {
            out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        }
        String validation = r.validation() == null ? "" : String.format(Locale.ROOT,
                ", validation loss %.4f, validation accuracy %.4f", r.validation().loss(), r.validation().accuracy());
        out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f%s, %.1f s, %.0f examples/s%n", r.epoch(), epochs,
                r.trainLoss(), validation, r.seconds(), r.examplesPerSecond());
        out.flush();
    }
}
