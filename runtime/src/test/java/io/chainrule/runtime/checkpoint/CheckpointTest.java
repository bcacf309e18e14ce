package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final Map<String, String> METADATA = Map.of("format", "chainrule", "epoch", "3",
            "optimizer", "adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)");
    private static final Set<String> OPTIMIZER_STATE = Set.of("fc1.weight.exp_avg", "fc1.weight.exp_avg_sq",
            "fc1.bias.exp_avg", "fc1.bias.exp_avg_sq", "step");

    @TempDir
    Path dir;

    @Test
    void loadCopiesEveryTensorIntoTheModelsOwnTensorsAndReturnsTheMetadata() throws IOException {
        Path file = dir.resolve("epoch3.safetensors");
        Map<String, Tensor> trained = state(4, 1);
        Checkpoint.save(file, trained, METADATA);
        Map<String, Tensor> model = state(4, 100);
        Tensor weight = model.get("fc1.weight");

        Map<String, String> metadata = Checkpoint.load(file, model);

        assertEquals(METADATA, metadata);
        assertSame(weight, model.get("fc1.weight"));
        assertEquals(snapshot(trained), snapshot(model));
        assertArrayEquals(new int[] {1}, model.get("step").ints());
    }

    @Test
    void aShapeMismatchNamesTheTensorAndBothTypesAndChangesNothing() throws IOException {
        Path file = dir.resolve("smaller.safetensors");
        Checkpoint.save(file, state(3, 1), METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model));

        assertEquals(file + ": tensor fc1.weight: the checkpoint has f32[3,5], the model has f32[4,5]"
                + " (and 5 more problems)", e.getMessage());
        assertEquals(before, snapshot(model));
    }

    @Test
    void aSingleMismatchAmongMatchingTensorsChangesNoneOfThem() throws IOException {
        Path file = dir.resolve("one.safetensors");
        Map<String, Tensor> saved = state(4, 1);
        saved.put("step", Tensor.of(new double[] {1}));
        Checkpoint.save(file, saved, METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model));

        assertEquals(file + ": tensor step: the checkpoint has f64[], the model has i32[]", e.getMessage());
        assertEquals(before, snapshot(model));
    }

    @Test
    void aTensorTheModelLacksIsNamed() throws IOException {
        Path file = dir.resolve("extra.safetensors");
        Map<String, Tensor> saved = state(4, 1);
        saved.put("fc2.weight", Tensor.zeros(TensorType.of(DType.F32, 10, 4)));
        Checkpoint.save(file, saved, METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model));

        assertEquals(file + ": tensor fc2.weight: the checkpoint has f32[10,4], the model has no such tensor",
                e.getMessage());
        assertEquals(before, snapshot(model));
    }

    @Test
    void aTensorTheCheckpointLacksIsNamedWithHowToLoadParametersOnly() throws IOException {
        Path file = dir.resolve("parameters.safetensors");
        Checkpoint.save(file, parameters(4, 1), METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model));

        assertEquals(file + ": tensor fc1.weight.exp_avg: the model has f32[4,5], the checkpoint has no such tensor"
                + " (and 4 more problems); to load a checkpoint without optimizer state, name that state in"
                + " Checkpoint.load", e.getMessage());
        assertEquals(before, snapshot(model));
    }

    @Test
    void withTheOptimizerStateNamedACheckpointOfParametersOnlyLoadsThemAndKeepsTheState() throws IOException {
        Path file = dir.resolve("parameters.safetensors");
        Checkpoint.save(file, parameters(4, 1), METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        Checkpoint.load(file, model, OPTIMIZER_STATE);

        Map<String, String> after = snapshot(model);
        Map<String, String> trained = snapshot(parameters(4, 1));
        for (String name : model.keySet()) {
            assertEquals(OPTIMIZER_STATE.contains(name) ? before.get(name) : trained.get(name), after.get(name), name);
        }
    }

    @Test
    void withTheOptimizerStateNamedAFullCheckpointStillLoadsAll() throws IOException {
        Path file = dir.resolve("full.safetensors");
        Checkpoint.save(file, state(4, 1), METADATA);
        Map<String, Tensor> model = state(4, 100);

        Checkpoint.load(file, model, OPTIMIZER_STATE);

        assertEquals(snapshot(state(4, 1)), snapshot(model));
    }

    @Test
    void aCheckpointWithPartOfTheOptimizerStateIsRefused() throws IOException {
        Path file = dir.resolve("partial.safetensors");
        Map<String, Tensor> saved = state(4, 1);
        saved.remove("fc1.bias.exp_avg_sq");
        Checkpoint.save(file, saved, METADATA);
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, model, OPTIMIZER_STATE));

        assertEquals(file + ": tensor fc1.bias.exp_avg_sq: the model has f32[4], the checkpoint has no such tensor"
                + " but has other optimizer state", e.getMessage());
        assertEquals(before, snapshot(model));
    }

    @Test
    void aParameterMissingFromTheCheckpointIsRefusedEvenWithTheOptimizerStateNamed() throws IOException {
        Path file = dir.resolve("nobias.safetensors");
        Map<String, Tensor> saved = parameters(4, 1);
        saved.remove("fc1.bias");
        Checkpoint.save(file, saved, METADATA);
        Map<String, Tensor> model = state(4, 100);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, model, OPTIMIZER_STATE));

        assertEquals(file + ": tensor fc1.bias: the model has f32[4], the checkpoint has no such tensor",
                e.getMessage());
    }

    @Test
    void optimizerStateMustNameTheModelsTensors() throws IOException {
        Path file = dir.resolve("any.safetensors");
        Checkpoint.save(file, state(4, 1), METADATA);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, state(4, 100), Set.of("fc1.weight.momentum_buffer")));

        assertEquals("optimizer state fc1.weight.momentum_buffer is not one of the model's tensors", e.getMessage());
    }

    @Test
    void aTruncatedCheckpointChangesNothing() throws IOException {
        Path file = dir.resolve("truncated.safetensors");
        Checkpoint.save(file, state(4, 1), METADATA);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        Map<String, Tensor> model = state(4, 100);
        Map<String, String> before = snapshot(model);

        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> Checkpoint.load(file, model));

        assertEquals(file + ": truncated inside the data: the header describes 292 bytes of tensor data, the file"
                + " holds 291, ending inside tensor step", e.getMessage());

        assertEquals(before, snapshot(model));
    }

    /** Parameters of a linear layer with {@code outputs} outputs and 5 inputs, every value {@code seed}-based. */
    private static Map<String, Tensor> parameters(int outputs, int seed) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("fc1.weight", filled(TensorType.of(DType.F32, outputs, 5), seed));
        state.put("fc1.bias", filled(TensorType.of(DType.F32, outputs), seed + 0.5));
        return state;
    }

    /** The parameters and Adam's state for them. */
    private static Map<String, Tensor> state(int outputs, int seed) {
        Map<String, Tensor> state = parameters(outputs, seed);
        state.put("fc1.weight.exp_avg", filled(TensorType.of(DType.F32, outputs, 5), seed + 0.25));
        state.put("fc1.weight.exp_avg_sq", filled(TensorType.of(DType.F32, outputs, 5), seed + 0.125));
        state.put("fc1.bias.exp_avg", filled(TensorType.of(DType.F32, outputs), seed + 0.0625));
        state.put("fc1.bias.exp_avg_sq", filled(TensorType.of(DType.F32, outputs), seed + 0.03125));
        state.put("step", Tensor.scalar(DType.I32, seed));
        return state;
    }

    private static Tensor filled(TensorType type, double base) {
        Tensor t = Tensor.zeros(type);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, base + i);
        }
        return t;
    }

    /** Every tensor's type and values, as text, to compare states before and after. */
    private static Map<String, String> snapshot(Map<String, Tensor> state) {
        Map<String, String> text = new LinkedHashMap<>();
        state.forEach((name, t) -> text.put(name, t.type() + " " + Arrays.toString(values(t))));
        return text;
    }

    private static double[] values(Tensor t) {
        double[] values = new double[t.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getDouble(i);
        }
        return values;
    }
}
