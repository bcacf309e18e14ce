package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {

    private static Graph build(String name) {
        return Models.find(name).orElseThrow().build();
    }

    /** Parameter names to types, in graph order. */
    private static Map<String, TensorType> parameters(Graph g) {
        Map<String, TensorType> params = new LinkedHashMap<>();
        for (Node p : g.parameters()) {
            params.put(p.name(), p.type());
        }
        return params;
    }

    private static TensorType f32(int... dims) {
        return TensorType.of(DType.F32, dims);
    }

    @Test
    void listsTheSixModelsOfTheLesson() {
        assertEquals(List.of("neuron", "perceptron", "mnist-linear", "mnist-mlp", "xor-mlp", "sin-mlp"),
                Models.names());
        assertTrue(Models.find("resnet").isEmpty());
    }

    @Test
    void mnistMlpIsTheLessonsMultilayerPerceptron() {
        Graph g = build("mnist-mlp");
        assertEquals(Map.of(
                "fc1.weight", f32(120, 784), "fc1.bias", f32(120),
                "fc2.weight", f32(84, 120), "fc2.bias", f32(84),
                "out.weight", f32(10, 84), "out.bias", f32(10)), parameters(g));
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "out.weight", "out.bias"),
                List.copyOf(parameters(g).keySet()));
        assertEquals(105_214, Models.find("mnist-mlp").orElseThrow().parameterCount());
        assertEquals(List.of(f32(100, 1, 28, 28), TensorType.of(DType.I32, 100)),
                g.inputs().stream().map(Node::type).toList());

        // nn.CrossEntropyLoss applied to the log-softmax output, as the lesson's training loop does
        Node output = g.output("output");
        Node loss = g.output("loss");
        assertEquals(OpCode.LOG_SOFTMAX, output.op());
        assertEquals(OpCode.CROSS_ENTROPY, loss.op());
        assertEquals(output.id(), loss.input(0));
        assertEquals(f32(), loss.type());
        assertEquals(3, g.nodes().stream().filter(n -> n.op() == OpCode.MATMUL).count());
        assertEquals(2, g.nodes().stream().filter(n -> n.op() == OpCode.RELU).count());
    }

    @Test
    void mnistLinearIsFlattenAndOneLinearLayer() {
        Graph g = build("mnist-linear");
        assertEquals(Map.of("fc.weight", f32(10, 784), "fc.bias", f32(10)), parameters(g));
        assertEquals(7_850, Models.find("mnist-linear").orElseThrow().parameterCount());
        assertEquals(f32(100, 10), g.output("output").type());
        assertEquals(OpCode.CROSS_ENTROPY, g.output("loss").op());
        assertEquals(g.output("output").id(), g.output("loss").input(0));
    }

    @Test
    void neuronIsASigmoidOfAWeightedSum() {
        Graph g = build("neuron");
        assertEquals(Map.of("neuron.weight", f32(1, 2), "neuron.bias", f32(1)), parameters(g));
        assertEquals(OpCode.SIGMOID, g.output("output").op());
        assertEquals(f32(4, 1), g.output("output").type());
        assertEquals(OpCode.MSE_LOSS, g.output("loss").op());
        assertEquals(f32(4, 1), g.find("y").orElseThrow().type());
    }

    @Test
    void perceptronOutputsOnlyStepPredictions() {
        Graph g = build("perceptron");
        assertEquals(Map.of("perceptron.weight", f32(1, 2), "perceptron.bias", f32(1)), parameters(g));
        assertEquals(List.of("output"), List.copyOf(g.outputs().keySet()));
        assertEquals(OpCode.STEP, g.output("output").op());
        assertEquals(List.of("x"), g.inputs().stream().map(Node::name).toList());
    }

    @Test
    void xorMlpIsTwoFourOneWithTanhThenSigmoid() {
        Graph g = build("xor-mlp");
        assertEquals(Map.of("fc1.weight", f32(4, 2), "fc1.bias", f32(4), "fc2.weight", f32(1, 4),
                "fc2.bias", f32(1)), parameters(g));
        assertEquals(17, Models.find("xor-mlp").orElseThrow().parameterCount());
        assertEquals(1, g.nodes().stream().filter(n -> n.op() == OpCode.TANH).count());
        assertEquals(OpCode.SIGMOID, g.output("output").op());
        assertEquals(OpCode.MSE_LOSS, g.output("loss").op());
    }

    @Test
    void sinMlpIsOneThirtyTwoThirtyTwoOneWithTanh() {
        Graph g = build("sin-mlp");
        assertEquals(Map.of("fc1.weight", f32(32, 1), "fc1.bias", f32(32), "fc2.weight", f32(32, 32),
                "fc2.bias", f32(32), "fc3.weight", f32(1, 32), "fc3.bias", f32(1)), parameters(g));
        assertEquals(1_153, Models.find("sin-mlp").orElseThrow().parameterCount());
        assertEquals(2, g.nodes().stream().filter(n -> n.op() == OpCode.TANH).count());
        assertEquals(f32(64, 1), g.output("output").type());
        assertEquals(OpCode.MSE_LOSS, g.output("loss").op());
    }

    @Test
    void buildsForAnyBatchSizeAndFloatingDtype() {
        for (ModelSpec m : Models.all()) {
            Graph g = m.build(3, DType.F64);
            assertEquals(3, g.find("x").orElseThrow().shape().dim(0), m.name());
            assertTrue(g.parameters().stream().allMatch(p -> p.dtype() == DType.F64), m.name());
            assertEquals(DType.F64, g.output("output").dtype(), m.name());
            assertEquals(m.parameterCount(),
                    g.parameters().stream().mapToLong(p -> p.shape().size()).sum(), m.name());
        }
    }

    @Test
    void rejectsABadBatchSizeOrDtype() {
        ModelSpec mlp = Models.find("mnist-mlp").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> mlp.build(0, DType.F32));
        assertThrows(IllegalArgumentException.class, () -> mlp.build(10, DType.I32));
    }
}
