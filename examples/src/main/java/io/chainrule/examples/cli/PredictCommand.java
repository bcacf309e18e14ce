package io.chainrule.examples.cli;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.checkpoint.AtomicFile;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import io.chainrule.runtime.model.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
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
 * Predicts with a saved model: one MNIST test image ({@code --image N}: the digit, its label and the ten
 * probabilities), or every row of a CSV ({@code --csv FILE}: one line each, the class or the values, after a header
 * line), into {@code --out FILE}, written whole or not at all, or to the standard output. A CSV may have the target
 * column (then ignored as input, and a label the model does not know is an error at its line and column) or not.
 */
@Command(name = "predict", sortOptions = false, description = "Predict with a saved model: one MNIST test image "
        + "(--image N), or every row of a CSV (--csv FILE [--out FILE]).")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_FILE", description = "A model saved by train --save.")
    Path modelFile;

    @Option(names = "--image", paramLabel = "N", description = "The MNIST test image to predict, from 0.")
    Integer image;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where MNIST is (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Mixin
    CsvSource csv;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the CSV's predictions go (default: the "
            + "standard output); replaced whole, never left half-written.")
    Path out;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        DataLocation location = ModelData.location(spec, data);
        ModelFiles.checkWritable("--out", out);
        try (Model model = ModelFiles.load(modelFile, null)) {
            return image != null ? predictImage(model, location) : predictCsv(model);
        }
    }

    private void checkOptions() {
        csv.refuseOptionsWithoutFile();
        if ((image != null) == csv.given()) {
            throw usageError("give --image N (an MNIST test image) or --csv FILE (a row per example), one of them");
        }
        if (image != null && image < 0) {
            throw usageError("--image counts the test images from 0, got " + image);
        }
        if (out != null && image != null) {
            throw usageError("--out is where a CSV's predictions go; --image prints its own");
        }
        if (data != null && csv.given()) {
            throw usageError("--data is where MNIST is; --csv names its file itself");
        }
    }

    private int predictImage(Model model, DataLocation location) throws IOException {
        if (!ModelData.takesImages(model)) {
            throw new CommandFailure("model " + modelFile + " takes " + ModelData.features(model.inputShape())
                    + ", not MNIST images: predict from a CSV with --csv FILE");
        }
        Dataset testSet = ModelData.mnistTest(location);
        if (image >= testSet.size()) {
            throw usageError("--image " + image + " is not one of the " + testSet.size() + " test images (0 to "
                    + (testSet.size() - 1) + ")");
        }
        Predictions p = model.predict(testSet.features(image));
        PrintWriter o = spec.commandLine().getOut();
        if (model.task() == Task.CLASSIFICATION) {
            o.printf(Locale.ROOT, "test image %d: predicted %d, label %d%n", image, p.predictedClass(0),
                    testSet.label(image));
            o.println("digit  probability");
            float[] probabilities = p.probabilities(0);
            for (int k = 0; k < probabilities.length; k++) {
                o.printf(Locale.ROOT, "%5d  %.6f%n", k, probabilities[k]);
            }
        } else {
            o.printf(Locale.ROOT, "test image %d: predicted %s, label %d%n", image, values(p.outputs(0)),
                    testSet.label(image));
        }
        o.flush();
        return 0;
    }

    private int predictCsv(Model model) throws IOException {
        if (ModelData.takesImages(model)) {
            throw new CommandFailure("model " + modelFile + " takes MNIST images: predict one with --image N");
        }
        Tensor every = ModelData.checkedColumns(csv, model.inputShape(), modelFile.toString(),
                csv.target == null);
        Tensor x = every.shape().dim(1) == model.inputShape().size() ? every
                : csv.read(ModelData.forModel(csv.options(), model)).featureTensor();
        String text = text(model.predict(x), model);
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return 0;
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFile.write(out, channel -> {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            });
        } catch (FileSystemException e) {
            throw new CommandFailure("could not write --out " + e.getFile() + ": " + e.getReason());
        }
        spec.commandLine().getOut().println("wrote " + x.shape().dim(0) + " predictions to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A header line, then one line per example: its class, or its values (as Float.toString, exactly). */
    private static String text(Predictions p, Model model) {
        StringBuilder sb = new StringBuilder();
        int width = model.outputWidth();
        boolean classes = model.task() == Task.CLASSIFICATION;
        if (classes) {
            sb.append("class\n");
        } else if (width == 1) {
            sb.append("value\n");
        } else {
            for (int k = 0; k < width; k++) {
                sb.append(k == 0 ? "" : ",").append("value_").append(k);
            }
            sb.append('\n');
        }
        for (int i = 0; i < p.size(); i++) {
            sb.append(classes ? String.valueOf(p.predictedClass(i)) : values(p.outputs(i))).append('\n');
        }
        return sb.toString();
    }

    private static String values(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            sb.append(k == 0 ? "" : ",").append(v[k]);
        }
        return sb.toString();
    }


    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
