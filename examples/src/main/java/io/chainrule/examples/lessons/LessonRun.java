package io.chainrule.examples.lessons;

import io.chainrule.runtime.data.DataLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Where a lesson runs: the stream it prints to, the folder its pictures go to, and whether to run a quicker version
 * (for tests: fewer epochs, sizes or seeds, the same claim). It keeps every picture written, for the caller and tests.
 */
public final class LessonRun {
    private final PrintStream out;
    private final Path folder;
    private final boolean quick;
    private final String data;
    private final List<Path> written = new ArrayList<>();

    /** @param quick a smaller run with the same claim, as the tests run it */
    public LessonRun(PrintStream out, Path folder, boolean quick) {
        this(out, folder, quick, null);
    }

    /**
     * @param quick a smaller run with the same claim, as the tests run it
     * @param data  the {@code --data} directory for lessons on MNIST, or null for the usual lookup
     */
    public LessonRun(PrintStream out, Path folder, boolean quick, String data) {
        this.out = out;
        this.folder = folder;
        this.quick = quick;
        this.data = data;
    }

    public PrintStream out() {
        return out;
    }

    public Path folder() {
        return folder;
    }

    public boolean quick() {
        return quick;
    }

    /** Where data is found: the {@code --data} flag's lookup ({@link DataLocation}). */
    public DataLocation data() {
        return DataLocation.of(data);
    }

    /** The pictures written so far, PNG and SVG. */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /** Writes {@code chart} as {@code <stem>.png} and {@code <stem>.svg} in the folder, and says so. */
    public void figure(String stem, Chart<?, ?> chart) throws IOException {
        Files.createDirectories(folder);
        written.addAll(Figures.write(chart, folder, stem));
        out.println("wrote " + folder.resolve(stem) + ".png and .svg");
    }
}
