package io.chainrule.examples.cli;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.checkpoint.AtomicFile;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.HistoryCsv;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.ProgressBar;
import io.chainrule.runtime.model.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The main job: trains a built-in MNIST model on real MNIST (the last {@code --validation} training images held out
 * for validation), then reports the test accuracy on the 10,000 test images, as the lesson's loop does. Everything that
 * can be checked is checked before the first epoch (hyperparameters, that the outputs can be written, that the data
 * sets are not empty), and after training each output is written on its own, the model first, so that one failing
 * costs no other.
 */
@Command(name = "train", sortOptions = false, description = "Train a built-in model on MNIST and report its test "
        + "accuracy.")
final class TrainCommand implements Callable<Integer> {
    enum BackendName { compiled, interpreted }

    enum OptimizerName { adam, sgd, momentum }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>", description = "mnist-linear or mnist-mlp.")
    String model;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "100",
            description = "Examples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, sgd or momentum (SGD with momentum 0.9) (default: ${DEFAULT-VALUE}).")
    OptimizerName optimizer;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed for parameters and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "compiled",
            description = "compiled or interpreted (default: ${DEFAULT-VALUE}).")
    BackendName backend;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where MNIST is (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "5000",
            description = "Training images held out for validation (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--patience", paramLabel = "P", defaultValue = "3",
            description = "Stop after P epochs without a better validation loss; the best epoch's parameters are kept "
                    + "(0: off) (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--save", paramLabel = "FILE", description = "Write parameters and optimizer state (safetensors).")
    Path save;

    @Option(names = "--history", paramLabel = "FILE", description = "Write the per-epoch history as CSV.")
    Path history;

    @Option(names = "--check-finite", description = "Check every step's loss and the parameters and state it updated; "
            + "name the node that first produced a NaN or an infinity.")
    boolean checkFinite;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = Models.find(model).filter(m -> m.trainable().isPresent()
                        && m.trainable().get().inputShape().rank() == 3)
                .orElseThrow(() -> usageError("model '" + model + "' does not train on MNIST (these do: mnist-linear, "
                        + "mnist-mlp)"));
        checkHyperparameters();
        DataLocation location = dataLocation();
        checkWritable("--save", save);
        checkWritable("--history", history);
        PrintStream out = System.out;
        Path dir = location.find(Mnist.DIRECTORY, Mnist.FILES);
        Dataset.Split split = holdOut(Mnist.train(dir));
        Dataset test = Mnist.test(dir);
        if (test.size() == 0) {
            throw new CommandFailure("the test set in " + dir + " has no images: nothing to measure the accuracy on");
        }
        Backend chosen = backend == BackendName.compiled ? new CompiledBackend() : new Interpreter();
        // early stopping compares validation losses: without a validation set it is off (an explicit --patience is a
        // usage error)
        FitOptions options = FitOptions.defaults().epochs(epochs).batchSize(batchSize).optimizer(optimizer())
                .seed(seed).patience(validation > 0 ? patience : 0).checkFinite(checkFinite);
        out.printf(Locale.ROOT, "%s on MNIST (%d training, %d validation, %d test images), %s, batch %d, %s "
                        + "backend, seed %d%n", spec.name(), split.train().size(), validation, test.size(),
                optimizer().describe(), batchSize, backend, seed);
        HistoryCsv historyCsv = history == null ? null : new HistoryCsv(history);
        List<TrainingListener> listeners = new ArrayList<>(List.of(new ProgressBar(out, System.console() != null)));
        if (historyCsv != null) {
            listeners.add(historyCsv);
        }
        try (Model m = Model.builder(spec.trainable().orElseThrow()).seed(seed).backend(chosen).build()) {
            m.fit(split.train(), validation > 0 ? split.validation() : null, options,
                    listeners.toArray(TrainingListener[]::new));
            // each output on its own, the model first: one that fails costs no other
            boolean written = save == null || write("--save", save, () -> m.save(save));
            written &= historyCsv == null || write("--history", history, () -> {
                if (historyCsv.failure() != null) {
                    throw historyCsv.failure();
                }
            });
            ClassificationMetrics result = (ClassificationMetrics) m.evaluate(test);
            out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
            out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.accuracy());
            return written ? 0 : this.spec.exitCodeOnExecutionException();
        }
    }

    private void checkHyperparameters() {
        if (epochs < 1) {
            throw usageError("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw usageError("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw usageError("--lr must be finite and not negative, got " + lr);
        }
        if (patience < 0) {
            throw usageError("--patience must be 0 (off) or more, got " + patience);
        }
        if (validation < 0) {
            throw usageError("--validation must be 0 (none) or more, got " + validation);
        }
        if (save != null && history != null && save.toAbsolutePath().normalize()
                .equals(history.toAbsolutePath().normalize())) {
            throw usageError("--save and --history name the same file, " + save);
        }
        if (validation == 0 && patience > 0 && spec.commandLine().getParseResult().hasMatchedOption("--patience")) {
            throw usageError("--patience " + patience + " needs a validation set (early stopping compares "
                    + "validation losses), but --validation is 0");
        }
    }

    private DataLocation dataLocation() {
        try {
            return DataLocation.of(data);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    /** An output that cannot be written is an error now, before training, rather than a lost model after it. */
    private static void checkWritable(String option, Path file) throws IOException {
        if (file == null) {
            return;
        }
        try {
            AtomicFile.checkWritable(file);
        } catch (FileSystemException e) {
            throw new CommandFailure("cannot write " + option + " " + e.getFile() + ": " + e.getReason());
        }
    }

    private Dataset.Split holdOut(Dataset train) {
        if (validation > train.size()) {
            throw usageError("--validation " + validation + " is more than the " + train.size() + " training images");
        }
        if (train.size() - validation < batchSize) {
            throw usageError("--validation " + validation + " leaves " + (train.size() - validation) + " training "
                    + "images, fewer than one batch of " + batchSize);
        }
        return train.holdOutLast(validation);
    }

    /** Writes a file the user asked for; a failure is reported at once and the run goes on. True when written. */
    private boolean write(String option, Path file, Output output) {
        try {
            output.write();
            System.out.println("saved " + file);
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": could not write " + option + " "
                    + (e instanceof FileSystemException f ? f.getFile() + ": " + f.getReason() : file + ": " + e));
            return false;
        }
    }

    /** Writes one of the files the user asked for. */
    @FunctionalInterface
    private interface Output {
        void write() throws IOException;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Optimizer optimizer() {
        return switch (optimizer) {
            case adam -> Adam.of(lr);
            case sgd -> Sgd.of(lr);
            case momentum -> Sgd.momentum(lr, 0.9);
        };
    }
}
