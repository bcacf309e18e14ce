package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval and predict of a model trained on real MNIST (found through the data lookup) by train, one epoch. */
class MnistCommandsTest {
    @TempDir
    Path tmp;

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.both());
        assertEquals("", r.err());
        return r;
    }

    @Test
    void evalAndPredictAgreeWithTheTrainedModel() throws IOException {
        Path model = tmp.resolve("linear.safetensors");
        CliRun trained = ok("train", "mnist-linear", "--epochs", "1", "--validation", "0", "--save",
                model.toString());
        CliRun eval = ok("eval", model.toString());
        assertEquals(trained.value("test accuracy"), eval.value("accuracy"));
        assertEquals(trained.value("test loss"), eval.value("loss"));
        List<String> table = eval.out().lines().dropWhile(l -> !l.startsWith("confusion matrix")).skip(2).toList();
        assertEquals(10, table.size(), eval.out());
        long counted = table.stream().flatMap(l -> List.of(l.strip().split(" +")).subList(1, 11).stream())
                .mapToLong(Long::parseLong).sum();
        assertEquals(10_000, counted, "every test image in the confusion matrix");

        Dataset test = Mnist.test(DataLocation.of(null).find(Mnist.DIRECTORY, Mnist.FILES));
        try (Model loaded = Model.load(model)) {
            for (int image : new int[] {0, 1234, 9999}) {
                CliRun predicted = ok("predict", model.toString(), "--image", String.valueOf(image));
                Predictions p = loaded.predict(test.features(image));
                List<String> expected = new ArrayList<>(List.of(String.format(Locale.ROOT,
                        "test image %d: predicted %d, label %d", image, p.predictedClass(0), test.label(image)),
                        "digit  probability"));
                float[] probabilities = p.probabilities(0);
                for (int digit = 0; digit < 10; digit++) {
                    expected.add(String.format(Locale.ROOT, "%5d  %.6f", digit, probabilities[digit]));
                }
                assertEquals(expected, predicted.out().lines().toList());
            }
        }
    }

    @Test
    void aModelOfFeaturesIsNotAskedAboutImages() throws IOException {
        Path model = tmp.resolve("features.safetensors");
        try (Model m = Model.builder(new Linear("out", 4, 3)).name("four_features").input(4)
                .backend(new Interpreter()).build()) {
            m.save(model);
        }
        CliRun predict = CliRun.of("predict", model.toString(), "--image", "3");
        assertEquals(1, predict.exitCode(), predict.both());
        assertEquals("chainrule predict: model " + model + " takes 4 features, not MNIST images: predict from a CSV "
                + "with --csv FILE" + System.lineSeparator(), predict.err());
        CliRun eval = CliRun.of("eval", model.toString());
        assertEquals(1, eval.exitCode(), eval.both());
        assertEquals("chainrule eval: model " + model + " takes 4 features: give the examples to measure it on with "
                + "--csv FILE" + System.lineSeparator(), eval.err());
        assertTrue(eval.out().isEmpty() && predict.out().isEmpty());
    }
}
