package io.chainrule.examples.cli;

import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.Model;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code <model> [--batch-size N]}: a built-in model or a model source ({@code File.java}, with its {@code @Input}) to
 * work on, as a mixin for every subcommand that takes one; also the generic mlp on MNIST's shape where the command
 * offers it ({@link #offerMlp}).
 */
final class ModelSelection {
    /** The mlp's batch when none is given, as train's on MNIST. */
    private static final int MLP_BATCH = 100;
    private static final int MNIST_CLASSES = 10;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "<model>", completionCandidates = Names.class,
            description = "A built-in model (${COMPLETION-CANDIDATES}), or a model written as Java source, "
                    + "File.java, with its @Input.")
    String name;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per batch (default: the model's own, "
            + "a source's @Input batch).")
    Integer batchSize;

    /** The mlp's options when the command offers it, else null. */
    private MlpShape mlp;

    /**
     * Lets the model be {@code mlp}: the generic mlp, shaped by {@code shape}'s options, on MNIST's images and ten
     * classes; another model refuses those options.
     */
    void offerMlp(MlpShape shape) {
        mlp = shape;
    }

    /** What a command prints for the model: the mlp with its layers, {@code mlp 784-64-32-10 relu}, else the graph. */
    String describe(Graph graph) {
        return isMlp() ? MlpShape.MLP + " " + mnistMlp().describe() : graph.name();
    }

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
        if (isMlp()) {
            checkBatchSize();
            return Model.builder(mnistMlp().network()).name(MlpShape.MLP).input(ModelData.IMAGE.dims()).dtype(dtype)
                    .architecture().forward(batch(defaultBatch, MLP_BATCH), true);
        }
        if (mlp != null && mlp.givenOption() != null) {
            throw new ParameterException(command.commandLine(), mlp.givenOption() + " shapes the mlp; model " + name
                    + (ModelSourceFiles.isSource(name) ? " is its own source" : " is built in"));
        }
        if (ModelSourceFiles.isSource(name)) {
            checkBatchSize();
            ModelSource source = ModelSourceFiles.read(name);
            Architecture architecture = ModelSourceFiles.architecture(name, source, dtype, command.name());
            return architecture.forward(batch(defaultBatch, source.training().orElseThrow().batchSize()), true);
        }
        ModelSpec spec = Models.find(name).orElseThrow(() -> new ParameterException(command.commandLine(),
                "unknown model '" + name + "' (available: " + String.join(", ", Models.names())
                        + (mlp != null ? ", " + MlpShape.MLP : "") + "; or a model source, File.java)"));
        checkBatchSize();
        return spec.build(batch(defaultBatch, spec.defaultBatchSize()), dtype);
    }

    private boolean isMlp() {
        return mlp != null && name.equals(MlpShape.MLP);
    }

    /** The mlp of MNIST's 784 pixels to its ten classes, images flattened first. */
    private GenericMlp mnistMlp() {
        return mlp.mlp(ModelData.IMAGE.size(), MNIST_CLASSES, true);
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
