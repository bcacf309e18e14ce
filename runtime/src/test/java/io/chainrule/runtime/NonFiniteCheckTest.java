package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NonFiniteCheckTest {

    private static Graph logOfDifference() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 4);
        Value y = x.sub(1).named("shifted").log().named("logs").mul(2);
        g.output("loss", y.sum());
        return g.build();
    }

    @Test
    void namesTheFirstNodeToProduceNaN() {
        Optional<String> found = NonFiniteCheck.firstProducer(logOfDifference(),
                Map.of("x", Tensor.of(new float[] {2, 3, 0.5f, 4}, 4)));
        assertTrue(found.isPresent());
        assertTrue(found.get().matches("%3 log logs \\(at NonFiniteCheckTest\\.java:\\d+\\): 1 of 4 elements NaN or "
                + "infinite"), found.get());
    }

    @Test
    void aNaNFedInIsReportedAsTheInputHoldingIt() {
        Optional<String> found = NonFiniteCheck.firstProducer(logOfDifference(),
                Map.of("x", Tensor.of(new float[] {2, Float.NaN, 3, 4}, 4)));
        assertTrue(found.orElseThrow().startsWith("%0 input x"), found.get());
    }

    @Test
    void finiteRunsFindNothing() {
        assertEquals(Optional.empty(), NonFiniteCheck.firstProducer(logOfDifference(),
                Map.of("x", Tensor.of(new float[] {2, 3, 4, 5}, 4))));
    }
}
