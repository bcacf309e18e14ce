package io.chainrule.examples.cli;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.Sgd;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.checkpoint.Checkpoint;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.train.Evaluation;
import io.chainrule.runtime.train.History;
import io.chainrule.runtime.train.Trainer;
import io.chainrule.runtime.train.TrainingConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The main job: trains a built-in MNIST model on real MNIST (the last {@code --validation} training images held out
 * for validation), then reports the test accuracy on the 10,000 test images, as the lesson's loop does.
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

    @Option(names = "--check-finite", description = "After a non-finite loss, name the node that first produced it.")
    boolean checkFinite;

    @Override
    public Integer call() throws Exception {
        ModelSpec spec = Models.find(model).filter(m -> m.build(1, DType.F32).inputs().get(0).shape().rank() == 4)
                .orElseThrow(() -> new ParameterException(this.spec.commandLine(), "model '" + model
                        + "' does not train on MNIST (these do: mnist-linear, mnist-mlp)"));
        PrintStream out = System.out;
        Path dir = DataLocation.of(data).find(Mnist.DIRECTORY, Mnist.FILES);
        Dataset.Split split = Mnist.train(dir).holdOutLast(validation);
        Dataset test = Mnist.test(dir);
        Backend chosen = backend == BackendName.compiled ? new CompiledBackend() : new Interpreter();
        TrainingConfig config = new TrainingConfig(epochs, batchSize, seed, patience, 1000, checkFinite);
        out.printf(Locale.ROOT, "%s on MNIST (%d training, %d validation, %d test images), %s, batch %d, %s "
                        + "backend, seed %d%n", spec.name(), split.train().size(), validation, test.size(),
                optimizer().describe(), batchSize, backend, seed);
        try (Trainer trainer = new Trainer(b -> spec.build(b, DType.F32), optimizer(), chosen, config, out,
                System.console() != null)) {
            History h = trainer.fit(split.train(), validation > 0 ? split.validation() : null);
            if (history != null) {
                h.writeCsv(history);
            }
            if (save != null) {
                Checkpoint.save(save, trainer.state(), Map.of("format", "chainrule", "model", spec.name(),
                        "optimizer", optimizer().describe(), "epochs", String.valueOf(h.epochs().size())));
                out.println("saved " + save);
            }
            Evaluation result = trainer.evaluate(test);
            out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
            out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.accuracy());
        }
        return 0;
    }

    private Optimizer optimizer() {
        return switch (optimizer) {
            case adam -> Adam.of(lr);
            case sgd -> Sgd.of(lr);
            case momentum -> Sgd.momentum(lr, 0.9);
        };
    }
}
