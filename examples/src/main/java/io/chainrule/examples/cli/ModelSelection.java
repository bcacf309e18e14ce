package io.chainrule.examples.cli;

import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code <model> [--batch-size N]}: a built-in model to work on, as a mixin for every subcommand that takes one. */
final class ModelSelection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "<model>", completionCandidates = Names.class,
            description = "A built-in model: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (default: the model's own).")
    Integer batchSize;

    String name() {
        return name;
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
        ModelSpec spec = Models.find(name).orElseThrow(() -> new ParameterException(command.commandLine(),
                "unknown model '" + name + "' (available: " + String.join(", ", Models.names()) + ")"));
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(command.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        int batch = batchSize != null ? batchSize : defaultBatch != null ? defaultBatch : spec.defaultBatchSize();
        return spec.build(batch, dtype);
    }

    /** The model names, for the usage help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Models.names().iterator();
        }
    }
}
