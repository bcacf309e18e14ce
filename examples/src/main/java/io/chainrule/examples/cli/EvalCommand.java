package io.chainrule.examples.cli;

import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.Metrics;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures a saved model on a CSV, on MNIST's test set (a model of images) or on the lesson's data (xor-mlp, sin-mlp):
 * the loss, and the accuracy and confusion matrix of a classifier, or the mean squared error, mean absolute error and
 * R² of a regression model.
 */
@Command(name = "eval", sortOptions = false, description = "Measure a saved model on a CSV, MNIST's test set or the "
        + "lesson's data: loss and accuracy with the confusion matrix, or mse, mae and r2.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model saved by train --save.")
    Path modelFile;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where MNIST is, for a model of MNIST images (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Mixin
    CsvSource csv;

    @Override
    public Integer call() throws Exception {
        csv.refuseOptionsWithoutFile();
        if (csv.given() && data != null) {
            throw usageError("--data is where MNIST is; --csv names its file itself");
        }
        DataLocation location = ModelData.location(spec, data);
        try (Model model = ModelFiles.load(modelFile, null)) {
            Dataset examples;
            if (csv.given()) {
                ModelData.checkedColumns(csv, model.inputShape(), modelFile.toString(), false);
                examples = csv.read(ModelData.forModel(csv.options(), model));
            } else if (ModelData.takesImages(model)) {
                examples = ModelData.mnistTest(location);
            } else if (LessonData.forModel(model.name()).isPresent()) {
                examples = LessonData.forModel(model.name()).get();
            } else {
                throw new CommandFailure("model " + modelFile + " takes " + ModelData.features(model.inputShape())
                        + ": give the examples to measure it on with --csv FILE");
            }
            Metrics metrics = model.evaluate(examples);
            PrintWriter out = spec.commandLine().getOut();
            TrainingRecord r = model.trainingRecord();
            out.println(model.name() + " (" + model.task().name().toLowerCase(Locale.ROOT) + ", trained "
                    + r.epochs() + (r.epochs() == 1 ? " epoch" : " epochs") + (r.data().isEmpty() ? "" : " on "
                    + r.data()) + ") on " + examples.description());
            MetricsReport.lines("", metrics).forEach(out::println);
            if (metrics instanceof ClassificationMetrics c) {
                out.println("confusion matrix (rows: label, columns: predicted):");
                out.println(c.confusionTable());
            }
            out.flush();
            return 0;
        }
    }


    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
