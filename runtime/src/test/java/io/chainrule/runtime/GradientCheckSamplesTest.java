package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A gradient check that would check no element is refused rather than passed. */
class GradientCheckSamplesTest {
    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void fewerThanOneSampleIsRefused(int samples) {
        GraphBuilder g = new GraphBuilder("square");
        Value w = g.parameter("w", new Initializer.Zeros(), DType.F64, 3);
        g.output("loss", w.square().sum());
        Graph graph = g.build();
        Map<String, Tensor> feeds = Map.of("w", Tensor.of(new double[] {1, 2, 3}, 3));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.check(graph, "loss", feeds, List.of(), samples, 1));

        assertEquals("a gradient check needs at least 1 sample per tensor, got " + samples, e.getMessage());
    }
}
