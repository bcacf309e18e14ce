package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedsTest {
    private static final Tensor X = Tensor.zeros(TensorType.of(DType.F32, 2, 3));
    private static final Tensor W = Tensor.zeros(TensorType.of(DType.F32, 3));

    private static Graph graph() {
        GraphBuilder b = new GraphBuilder("affine");
        Value x = b.input("x", DType.F32, 2, 3);
        Value w = b.parameter("w", new Initializer.Zeros(), 3);
        return b.output("y", x.mul(w)).build();
    }

    private static String failure(Map<String, Tensor> feeds) {
        Executable run = new Interpreter().prepare(graph());
        return assertThrows(IllegalArgumentException.class, () -> run.run(feeds)).getMessage();
    }

    @Test
    void missingFeedNamesTheInputAndItsType() {
        assertEquals("graph affine: no feed for parameter w: f32[3]", failure(Map.of("x", X)));
        assertEquals("graph affine: no feed for input x: f32[2,3]", failure(Map.of("w", W)));
    }

    @Test
    void wrongDtypeOrShapeNamesBothTypes() {
        Tensor f64 = Tensor.zeros(TensorType.of(DType.F64, 2, 3));
        assertEquals("graph affine: feed for input x is f64[2,3], expected f32[2,3]",
                failure(Map.of("x", f64, "w", W)));
        Tensor wide = Tensor.zeros(TensorType.of(DType.F32, 3, 2));
        assertEquals("graph affine: feed for input x is f32[3,2], expected f32[2,3]",
                failure(Map.of("x", wide, "w", W)));
    }

    @Test
    void unknownFeedIsRejectedWithTheExpectedNames() {
        assertEquals("graph affine: feed 'bias' is not an input, parameter or state (those are x, w)",
                failure(Map.of("x", X, "w", W, "bias", W)));
    }

    @Test
    void exactFeedsPass() {
        Feeds.check(graph(), Map.of("x", X, "w", W));
    }
}
