package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learning-rate input of a training graph: its name and type, and a graph that already uses the name. */
class LearningRateInputTest {

    private static Graph linear(DType dtype, String parameter) {
        GraphBuilder g = new GraphBuilder("linear");
        Value x = g.input("x", dtype, 4, 2);
        Value w = g.parameter(parameter, new Initializer.Zeros(), dtype, 1, 2);
        return g.output("loss", x.matmul(w, false, true).square().mean()).build();
    }

    private static List<String> inputs(Graph g) {
        return g.inputs().stream().map(Node::name).toList();
    }

    @Test
    void aGraphBuiltToReadItsRateHasAScalarInputOfTheLossDtype() {
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            Graph g = TrainingGraph.build(linear(dtype, "w"), "loss", Adam.adamW(0.01), Gradients.Options.parameters(),
                    true);
            assertEquals(List.of("x", TrainingGraph.LEARNING_RATE), inputs(g));
            Node lr = g.inputs().get(1);
            assertEquals(new TensorType(dtype, Shape.SCALAR), lr.type());
            assertEquals(Provenance.UPDATE, Provenance.of(lr));
        }
    }

    @Test
    void aGraphBuiltWithTheConstantRateHasNoSuchInput() {
        for (Optimizer o : List.of(Sgd.of(0.1), Adam.defaults())) {
            assertEquals(List.of("x"), inputs(TrainingGraph.build(linear(DType.F32, "w"), "loss", o)));
            assertEquals(List.of("x"), inputs(TrainingGraph.build(linear(DType.F32, "w"), "loss", o,
                    Gradients.Options.parameters(), false)));
        }
    }

    @Test
    void aForwardGraphWithANodeNamedLrIsRefusedByName() {
        GraphException e = assertThrows(GraphException.class, () -> TrainingGraph.build(linear(DType.F32, "lr"),
                "loss", Sgd.of(0.1), Gradients.Options.parameters(), true));
        assertEquals("graph linear already has a node named 'lr', the name of the learning-rate input",
                e.getMessage());
    }
}
