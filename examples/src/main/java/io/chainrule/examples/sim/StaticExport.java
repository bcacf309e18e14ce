package io.chainrule.examples.sim;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code chainrule sim export DIR}: the two pages as files that open from disk with no server, their script and
 * style inlined and their numbers computed here: the activations with their autodiff derivatives, and the backprop
 * page's training runs recorded on the compiled step. The kernel plans go beside them, in {@code plans/}.
 */
public final class StaticExport {
    private StaticExport() {
    }

    /** The datasets the backprop page can replay, by name. */
    public static List<String> datasets() {
        return Arrays.stream(PlaneDataset.values()).map(PlaneDataset::id).toList();
    }

    /** The activations, by name. */
    public static List<String> activations() {
        return Arrays.stream(ActivationChoice.values()).map(ActivationChoice::id).toList();
    }

    /**
     * Writes index.html, activations.html, backprop.html and plans/ into {@code dir}, the backprop page replaying a
     * run for each of {@code datasets} with each of {@code activations}; returns the files written.
     *
     * @throws IllegalArgumentException for a name not in {@link #datasets()} or {@link #activations()}, before
     *                                  anything is written
     */
    public static List<Path> write(Path dir, List<String> datasets, List<String> activations) throws IOException {
        if (datasets.isEmpty() || activations.isEmpty()) {
            throw new IllegalArgumentException("the backprop page needs at least one dataset and one activation");
        }
        return export(dir, datasets.stream().map(PlaneDataset::parse).toList(), activations.stream()
                .map(ActivationChoice::parse).toList());
    }

    private static List<Path> export(Path dir, List<PlaneDataset> datasets, List<ActivationChoice> activations)
            throws IOException {
        Files.createDirectories(dir.resolve("plans"));
        NetworkConfig base = NetworkConfig.DEFAULT;
        List<BackpropReplay.Run> runs = BackpropReplay.record(base, datasets, activations);
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve("index.html"), Pages.html(Pages.INDEX, "{\"mode\":\"replay\"}")));
        written.add(write(dir.resolve("activations.html"), Pages.html(Pages.ACTIVATIONS, ActivationTable.all())));
        written.add(write(dir.resolve("backprop.html"), Pages.html(Pages.BACKPROP,
                BackpropReplay.json(base, datasets, activations, runs))));
        // the training step is the same graph whatever the data: one plan per activation
        for (int i = 0; i < activations.size(); i++) {
            written.add(write(dir.resolve("plans").resolve(activations.get(i).id() + ".txt"), runs.get(i).plan()));
        }
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        AtomicFile.write(file, out -> out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        return file;
    }
}
