package io.chainrule.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.ir.Shape;
import io.chainrule.ir.source.JavaModelSource;
import io.chainrule.ir.source.ModelSourceException;
import io.chainrule.ir.text.TextPrinter;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.checkpoint.SafeTensors;
import io.chainrule.runtime.checkpoint.SafeTensorsFile;
import io.chainrule.runtime.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose network is read from Java source: saved with its source, rebuilt from the file alone. */
class SourceModelTest {
    @TempDir
    Path tmp;

    static final String BLOBS = """
            import static io.chainrule.ir.nn.F.tanh;

            import io.chainrule.ir.Value;
            import io.chainrule.ir.nn.Input;
            import io.chainrule.ir.nn.Linear;
            import io.chainrule.ir.nn.Network;

            @Input(shape = {2}, task = "classification", batch = 20)
            public class Blobs implements Network {
                final Linear hidden = new Linear("hidden", 2, 16);
                final Linear out = new Linear("out", 16, 3);

                @Override
                public Value forward(Value x) {
                    return out.apply(tanh(hidden.apply(x)));
                }
            }
            """;

    private static final FitOptions FAST = FitOptions.defaults().epochs(3).batchSize(20).optimizer(Adam.of(0.01))
            .seed(3);

    private static Model blobs() {
        return Model.builder(JavaModelSource.read("models/Blobs.java", BLOBS)).seed(1).backend(new Interpreter())
                .build();
    }

    @Test
    void aModelReadFromSourceIsItsClassWithTheInputAndTaskOfItsInputAnnotation() {
        try (Model model = blobs()) {
            assertEquals("Blobs", model.name());
            assertEquals(Shape.of(2), model.inputShape());
            assertEquals(Task.CLASSIFICATION, model.task());
            assertEquals(3, model.outputWidth());
            // return out.apply(tanh(hidden.apply(x))); a call points at its method name
            assertEquals("Blobs.java:15:20", model.forward(4, false).output("output").origin());
        }
    }

    @Test
    void aSourceModelIsSavedWithItsSourceAndLoadsFromTheFileAloneToTheSameBits() throws IOException {
        Dataset train = ModelTest.blobs(120, 1);
        Path file = tmp.resolve("blobs.safetensors");
        Path again = tmp.resolve("again.safetensors");
        try (Model model = blobs()) {
            model.fit(train, null, FAST);
            model.save(file);
            Map<String, String> metadata = SafeTensors.read(file).metadata();
            assertEquals(BLOBS, metadata.get("source"));
            assertEquals("Blobs.java", metadata.get("source_file"));
            assertFalse(metadata.containsKey("network"), "a source model is saved as its source, not as modules");
            try (Model loaded = Model.load(file, new Interpreter())) {
                assertArrayEquals(model.predict(train).outputs().floats(), loaded.predict(train).outputs().floats());
                assertEquals(TextPrinter.print(model.forward(20, true)), TextPrinter.print(loaded.forward(20, true)));
                assertEquals(model.trainingRecord(), loaded.trainingRecord());
                // a loaded source model is saved with its source again (what train --resume does)
                loaded.fit(train, null, FAST.epochs(1).optimizer(null));
                loaded.save(again);
                assertEquals(BLOBS, SafeTensors.read(again).metadata().get("source"));
                try (Model twice = Model.load(again, new Interpreter())) {
                    assertArrayEquals(loaded.predict(train).outputs().floats(),
                            twice.predict(train).outputs().floats());
                    assertEquals(4, twice.trainingRecord().epochs());
                }
            }
        }
    }

    @Test
    void aSavedSourceThatNoLongerReadsIsAnErrorNamingTheFileAndEveryErrorOfTheSource() throws IOException {
        Path file = tmp.resolve("blobs.safetensors");
        try (Model model = blobs()) {
            model.save(file);
        }
        String broken = BLOBS.replace("return out.apply(tanh(hidden.apply(x)));",
                "while (true) { x = tanh(x); } return out.apply(x);");
        SafeTensorsFile stored = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(stored.metadata());
        metadata.put("source", broken);
        SafeTensors.write(file, new LinkedHashMap<String, Tensor>(stored.tensors()), metadata);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Model.load(file, new Interpreter()));
        String errors = assertThrows(ModelSourceException.class, () -> JavaModelSource.read("Blobs.java", broken))
                .getMessage();
        assertTrue(errors.startsWith("Blobs.java:15:9: error: while loops are not supported in forward(); use a for "
                + "loop with a constant bound\n"), errors);
        assertEquals(file + ": the source saved with model Blobs, Blobs.java, no longer reads:\n" + errors,
                e.getMessage());
        assertTrue(e.getCause() instanceof ModelSourceException, String.valueOf(e.getCause()));
    }
}
