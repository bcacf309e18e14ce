package io.chainrule.pytorchbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.chainrule.autodiff.Adam;
import io.chainrule.examples.Models;
import io.chainrule.ir.DType;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PyTorch's side computes what chainrule's does: the same loss from the same weights, and after one Adam step. */
class TorchMlpTest {
    private static final int ROWS = 100;

    @Test
    void sameWeightsGiveTheSameLossBeforeAndAfterOneAdamStep() {
        Model model = Model.builder(Models.find("mnist-mlp").orElseThrow().trainable().orElseThrow()).seed(3)
                .build();
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = Tensor.zeros(TensorType.of(DType.F32, ROWS, 1, 28, 28));
        float[] pixels = x.floats();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(4) == 0 ? (float) random.nextDouble() : 0f;
        }
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = random.nextInt(10);
        }
        Dataset batch = Dataset.classification(x, Tensor.of(labels, ROWS));
        try (TorchMlp torch = new TorchMlp(model.parameters())) {
            assertEquals(model.evaluate(batch).loss(), torch.loss(pixels, labels, ROWS), 1e-5, "initial loss");
            model.fit(batch, null, FitOptions.defaults().epochs(1).batchSize(ROWS).optimizer(Adam.defaults()));
            try (NDManager arrays = torch.manager().newSubManager()) {
                torch.step(arrays.create(pixels, new Shape(ROWS, 784)),
                        arrays.create(Arrays.stream(labels).asLongStream().toArray()));
            }
            // Adam's first step moves every weight by about lr: the loss moves by about 0.1, so 1e-4 tells a wrong
            // update apart from rounding and DJL's eps outside the bias correction
            assertEquals(model.evaluate(batch).loss(), torch.loss(pixels, labels, ROWS), 1e-4, "loss after a step");
        }
    }

    @Test
    void aModelWithoutTheLessonsParametersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TorchMlp(Map.of()));
        assertEquals("no parameter fc1.weight to start from; expected [fc1.weight, fc1.bias, fc2.weight, fc2.bias, "
                + "out.weight, out.bias]", e.getMessage());
    }
}
