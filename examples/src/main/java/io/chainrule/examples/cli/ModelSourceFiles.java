package io.chainrule.examples.cli;

import io.chainrule.ir.DType;
import io.chainrule.ir.source.JavaModelSource;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.Model;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Models written as Java source, given where a model name goes: {@code MultilayerPerceptron.java}. The reader's
 * errors ({@link io.chainrule.ir.source.ModelSourceException}) are left to the tool to print as they are; a file
 * that cannot be read at all is one line naming it.
 */
final class ModelSourceFiles {
    private ModelSourceFiles() {
    }

    /** Whether a model argument names a source file rather than a built-in model. */
    static boolean isSource(String model) {
        return model.endsWith(".java");
    }

    static ModelSource read(String file) {
        try {
            return JavaModelSource.read(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read model source " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CommandFailure("cannot read model source " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new CommandFailure("cannot read model source " + file + ": not UTF-8 text");
        } catch (IOException | InvalidPathException e) {
            throw new CommandFailure("cannot read model source " + file + ": " + e);
        }
    }

    /**
     * What the model read from {@code file} computes, with the input and task of its {@code @Input}, for the
     * commands that have no data to take them from.
     */
    static Architecture architecture(String file, ModelSource source, DType dtype, String command) {
        if (source.training().isEmpty()) {
            throw new CommandFailure(file + ": class " + source.className() + " has no @Input(shape = {...}), which "
                    + command + " needs for the shape of its input (train takes the shape from its data)");
        }
        return Model.builder(source).dtype(dtype).architecture();
    }
}
