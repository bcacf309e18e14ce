package io.chainrule.examples.cli;

import io.chainrule.runtime.Backend;
import io.chainrule.runtime.checkpoint.AtomicFile;
import io.chainrule.runtime.checkpoint.SafeTensorsFormatException;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The files the commands read and write, each failure one line naming the file and, where given, its option. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** The model saved in {@code file} ({@code Model.save}), on {@code backend} (null: the preferred one). */
    static Model load(Path file, Backend backend) {
        if (file.getFileName() != null && ModelSourceFiles.isSource(file.getFileName().toString())) {
            throw new CommandFailure("model file " + file + " is a model source, not a saved model: train it "
                    + "(chainrule train " + file + " --save FILE) and give FILE");
        }
        try {
            return backend == null ? Model.load(file) : Model.load(file, backend);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read model file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CommandFailure("cannot read model file " + file + ": permission denied");
        } catch (SafeTensorsFormatException | IllegalArgumentException e) {
            // both name the file: "model.safetensors: not a saved model (...)"
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot read model file " + file + ": " + e);
        }
    }

    /** An output that cannot be written is an error now, before long work, rather than lost work after it. */
    static void checkWritable(String option, Path file) throws IOException {
        if (file == null) {
            return;
        }
        try {
            AtomicFile.checkWritable(file);
        } catch (FileSystemException e) {
            throw new CommandFailure("cannot write " + option + " " + e.getFile() + ": " + e.getReason());
        }
    }
}
