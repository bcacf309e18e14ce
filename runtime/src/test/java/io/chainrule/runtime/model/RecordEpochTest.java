package io.chainrule.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An epoch trained elsewhere and recorded on a model leaves it as a fit of that epoch would. */
class RecordEpochTest {
    private static Model model() {
        return Model.builder(ModelTest.MLP).input(2).standardized(true).seed(1).backend(new Interpreter()).build();
    }

    /**
     * The second fit is on other data, so a standardization fitted again would show; its schedule reads the step
     * count, and Adam goes on from its moments: each of those recorded wrong would change the parameters.
     */
    @Test
    void aRecordedEpochGoesOnAsAFitsOwn() {
        Dataset train = ModelTest.blobs(200, 1);
        Dataset more = ModelTest.blobs(200, 2);
        FitOptions options = FitOptions.defaults().epochs(2).batchSize(20).optimizer(Adam.of(0.01))
                .schedule(new LearningRateSchedule.CosineAnnealing(4, 0)).seed(3);
        try (Model fitted = model(); Model recorded = model()) {
            History first = fitted.fit(train, null, options);
            fitted.parameters().forEach((name, t) -> recorded.parameters().get(name).copyFrom(t));
            recorded.recordEpoch(first.last(), fitted.trainingRecord().steps(), options, train,
                    fitted.optimizerState());
            assertEquals(fitted.trainingRecord(), recorded.trainingRecord());
            fitted.fit(more, null, options);
            recorded.fit(more, null, options);
            assertSameBits(fitted.parameters(), recorded.parameters());
            assertSameBits(fitted.optimizerState(), recorded.optimizerState());
            assertEquals(fitted.trainingRecord(), recorded.trainingRecord());
        }
    }

    private static void assertSameBits(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> assertArrayEquals(t.floats(), actual.get(name).floats(), name));
    }
}
