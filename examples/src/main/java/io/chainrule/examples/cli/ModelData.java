package io.chainrule.examples.cli;

import io.chainrule.ir.Shape;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.DataNotFoundException;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.data.TargetKind;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Task;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The examples a saved model is evaluated or predicts on: MNIST's test set for a model of images, a CSV read for the
 * model (its task; a classifier's labels only those it knows, any other an error at its line and column).
 */
final class ModelData {
    static final Shape IMAGE = Shape.of(1, 28, 28);

    private ModelData() {
    }

    /** The data lookup for {@code --data DIR} (null: not given); a blank DIR is a usage error. */
    static DataLocation location(CommandSpec command, String dataFlag) {
        try {
            return DataLocation.of(dataFlag);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    static boolean takesImages(Model model) {
        return model.inputShape().equals(IMAGE);
    }

    /** MNIST's test images, found as every command finds data ({@code --data}, then the usual places). */
    static Dataset mnistTest(DataLocation location) throws IOException {
        return Mnist.test(mnistDirectory(location));
    }

    /** Where MNIST is; else a failure saying where it was looked for and how to get it. */
    static Path mnistDirectory(DataLocation location) {
        try {
            return location.find(Mnist.DIRECTORY, Mnist.FILES);
        } catch (DataNotFoundException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** How a CSV is read for {@code model}: its task, and for a classifier the classes it knows. */
    static Csv.Options forModel(Csv.Options options, Model model) {
        return model.task() == Task.CLASSIFICATION ? options.classes(model.outputWidth())
                : options.task(TargetKind.VALUES);
    }

    /**
     * Every column of the CSV, read before its targets are (so that a file of the wrong width is reported as such,
     * not as the label a feature would make): a one-line failure unless it has the features a model of
     * {@code input} takes and its target, which may be left out when {@code targetOptional}.
     */
    static Tensor checkedColumns(CsvSource csv, Shape input, String model, boolean targetOptional) {
        Tensor every = csv.readFeatures(csv.options());
        int columns = every.shape().dim(1);
        int features = input.size();
        if (columns != features + 1 && !(targetOptional && columns == features)) {
            throw new CommandFailure(csv.file + ": " + columns + (columns == 1 ? " column" : " columns")
                    + ", expected the " + features + " features model " + model + " takes" + (targetOptional
                    ? ", then optionally the target" : " and the target"));
        }
        return every;
    }

    /** {@code 4 features} or {@code examples shaped [1,28,28]}. */
    static String features(Shape shape) {
        return shape.rank() == 1 ? shape.dim(0) + (shape.dim(0) == 1 ? " feature" : " features")
                : "examples shaped " + shape;
    }
}
