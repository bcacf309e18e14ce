package io.chainrule.examples.cli;

import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.runtime.model.Architecture;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code <model> [--batch-size N]}: a built-in model or a model source ({@code File.java}, with its {@code @Input}) to
 * work on, as a mixin for every subcommand that takes one.
 */
final class ModelSelection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "<model>", completionCandidates = Names.class,
            description = "A built-in model (${COMPLETION-CANDIDATES}), or a model written as Java source, "
                    + "File.java, with its @Input.")
    String name;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (default: the model's own, "
            + "a source's @Input batch).")
    Integer batchSize;

    String name() {
        return name;
    }

    /** What files written for the model are named after: a built-in's name, a source's file name less .java. */
    String fileStem() {
        return ModelSourceFiles.isSource(name) ? Path.of(name).getFileName().toString().replaceFirst("\\.java$", "")
                : name;
    }

    /** The model's graph, or a usage error (exit code 2) naming the models there are. */
    Graph build(DType dtype) {
        return buildWithDefault(dtype, null);
    }

    /** As {@link #build(DType)}, with a batch of {@code batch} unless --batch-size says otherwise. */
    Graph buildSmall(DType dtype, int batch) {
        return buildWithDefault(dtype, batch);
    }

    private Graph buildWithDefault(DType dtype, Integer defaultBatch) {
        if (ModelSourceFiles.isSource(name)) {
            checkBatchSize();
            ModelSource source = ModelSourceFiles.read(name);
            Architecture architecture = ModelSourceFiles.architecture(name, source, dtype, command.name());
            return architecture.forward(batch(defaultBatch, source.training().orElseThrow().batchSize()), true);
        }
        ModelSpec spec = Models.find(name).orElseThrow(() -> new ParameterException(command.commandLine(),
                "unknown model '" + name + "' (available: " + String.join(", ", Models.names())
                        + "; or a model source, File.java)"));
        checkBatchSize();
        return spec.build(batch(defaultBatch, spec.defaultBatchSize()), dtype);
    }

    private void checkBatchSize() {
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(command.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
    }

    /** --batch-size, else the command's own default, else the model's. */
    private int batch(Integer commandDefault, int modelDefault) {
        return batchSize != null ? batchSize : commandDefault != null ? commandDefault : modelDefault;
    }

    /** The model names, for the usage help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Models.names().iterator();
        }
    }
}
