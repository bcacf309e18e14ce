package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.ir.nn.Activation;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.Predictions;
import io.chainrule.runtime.model.ProgressBar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, line for line but for where the files are: it compiles, runs and prints what it says. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleRunsAsShown() throws IOException {
        Path csv = DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "wine_data.csv");
        Path saved = tmp.resolve("wine.safetensors");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true);
        String summary;
        float[] probabilities;
        // ---- from the README
        Dataset wine = Csv.read(csv, Csv.options());                              // target: the last column
        Dataset.Split split = wine.split(0.25, 1);                                // shuffled views, no copies
        try (Model model = Model.builder(new Sequential(
                new Linear("fc1", 13, 32), Activation.RELU, new Linear("out", 32, 3)))
                .input(13).standardized(true).build()) {                          // compiled backend by default
            model.fit(split.train(), split.validation(), FitOptions.defaults().epochs(60).batchSize(16)
                    .optimizer(Adam.of(0.01)), new ProgressBar(out, false));
            out.println(model.evaluate(split.validation()).summary());
            Predictions p = model.predict(split.validation().features(0));     // one example
            out.println(p.predictedClass(0) + " " + Arrays.toString(p.probabilities(0)));
            model.save(saved);                                                  // weights, Adam's state, network
            summary = model.evaluate(split.validation()).summary();
            probabilities = p.probabilities(0);
        }
        Model again = Model.load(saved);                                        // rebuilt from the file alone
        // ----
        try (again) {
            assertEquals(summary, again.evaluate(split.validation()).summary());
        }
        String text = printed.toString();
        System.out.print(text);
        assertTrue(text.contains("epoch 60/60: train loss "), text);
        assertTrue(text.contains(summary + "\n"), text);
        assertEquals(1, probabilities[0] + probabilities[1] + probabilities[2], 1e-5);
    }
}
