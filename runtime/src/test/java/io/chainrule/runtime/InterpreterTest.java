package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    @Test
    void outputsComeBackByNameInDeclarationOrder() {
        GraphBuilder b = new GraphBuilder("two");
        Value x = b.input("x", DType.F64, 2);
        b.output("doubled", x.mul(2)).output("same", x).output("squared", x.square());
        Tensor in = Tensor.of(new double[] {3, -1}, 2);
        Map<String, Tensor> out = new Interpreter().prepare(b.build()).run(Map.of("x", in));
        assertEquals(List.of("doubled", "same", "squared"), List.copyOf(out.keySet()));
        assertTensor(out.get("doubled"), dims(2), 0, 6, -2);
        assertTensor(out.get("squared"), dims(2), 0, 9, 1);
        assertNotSame(in, out.get("same"), "an output that is a feed is a copy, taken before any update");
        assertTensor(out.get("same"), dims(2), 0, 3, -1);
    }

    @Test
    void updatesAreStoredIntoTheFedTensorsAfterEveryNodeHasRun() {
        GraphBuilder b = new GraphBuilder("counter");
        Value x = b.input("x", DType.F32, 2);
        Value w = b.parameter("w", new io.chainrule.ir.Initializer.Fill(1), 2);
        Value s = b.state("s", new io.chainrule.ir.Initializer.Zeros(), DType.F32);
        b.output("before", w.mul(x)).output("w", w);
        b.update("w", w.add(x));
        b.update("s", s.add(1));
        io.chainrule.ir.Graph g = b.build();
        Map<String, Tensor> persistent = Parameters.initialize(g, 7);
        assertEquals(List.of("w", "s"), List.copyOf(persistent.keySet()));
        Map<String, Tensor> feeds = new java.util.HashMap<>(persistent);
        feeds.put("x", Tensor.of(new float[] {2, 3}, 2));
        Executable step = new Interpreter().prepare(g);
        Map<String, Tensor> out = step.run(feeds);
        assertTensor(out.get("before"), dims(2), 0, 2, 3);
        assertTensor(out.get("w"), dims(2), 0, 1, 1);
        step.run(feeds);
        assertTensor(persistent.get("w"), dims(2), 0, 5, 7);
        assertEquals(2.0, persistent.get("s").getDouble(0));
    }

    @Test
    void aBoundStepRunsOnTheTensorsAsTheyAreAtEachRun() {
        GraphBuilder b = new GraphBuilder("bound");
        Value x = b.input("x", DType.F32, 2);
        Value w = b.parameter("w", new io.chainrule.ir.Initializer.Fill(1), 2);
        b.output("y", w.mul(x).sum());
        b.update("w", w.add(x));
        Graph g = b.build();
        Tensor input = Tensor.of(new float[] {2, 3}, 2);
        Tensor weight = Tensor.of(new float[] {1, 1}, 2);
        try (BoundStep step = new Interpreter().prepare(g).bind(Map.of("x", input, "w", weight))) {
            IllegalArgumentException early = assertThrows(IllegalArgumentException.class, () -> step.output("y"));
            assertEquals("no output before the first run", early.getMessage());
            step.run();
            assertEquals(5.0, step.output("y").getDouble(0));
            input.floats()[0] = 10;
            step.run();
            assertEquals(3 * 10 + 4 * 3, step.output("y").getDouble(0), "the refilled input, the updated weight");
            assertTensor(weight, dims(2), 0, 13, 7);
            assertThrows(IllegalArgumentException.class, () -> step.output("z"));
        }
    }

    @Test
    void eachRunFillsFreshBuffers() {
        GraphBuilder b = new GraphBuilder("g");
        Graph g = b.output("y", b.input("x", DType.F32, 1).exp()).build();
        Executable run = new Interpreter().prepare(g);
        Tensor first = run.run(Map.of("x", Tensor.of(new float[] {0}, 1))).get("y");
        Tensor second = run.run(Map.of("x", Tensor.of(new float[] {1}, 1))).get("y");
        assertNotSame(first, second);
        assertEquals(1f, first.floats()[0]);
        assertEquals((float) Math.E, second.floats()[0]);
    }

    @Test
    void constantsBroadcastOneValueOrListEveryElement() {
        GraphBuilder b = new GraphBuilder("c");
        Value x = b.input("x", DType.F64, 2, 2);
        Value filled = b.constant(TensorType.of(DType.F64, 2, 2), 0.5);
        Value listed = b.constant(TensorType.of(DType.F64, 2, 2), 1, 2, 3, 4);
        Graph g = b.output("y", x.add(filled).mul(listed)).output("i", b.constant(TensorType.of(DType.I32, 2), 7))
                .build();
        Map<String, Tensor> out = new Interpreter().prepare(g).run(Map.of("x", Tensor.of(new double[4], 2, 2)));
        assertTensor(out.get("y"), dims(2, 2), 0, 0.5, 1, 1.5, 2);
        assertTensor(out.get("i"), dims(2), 0, 7, 7);
        assertEquals(DType.I32, out.get("i").dtype());
    }

    @Test
    void failingNodeIsNamedWithOpNameAndOrigin() {
        GraphBuilder b = new GraphBuilder("clf");
        Value logits = b.input("logits", DType.F32, 2, 3);
        Value labels = b.input("labels", DType.I32, 2);
        Value loss = logits.crossEntropy(labels).named("loss");
        Graph g = b.output("loss", loss).build();
        Node node = g.node(loss.id());
        assertTrue(node.origin().startsWith("InterpreterTest.java:"), node.origin());
        InterpreterException e = assertThrows(InterpreterException.class, () -> new Interpreter().prepare(g).run(Map.of(
                "logits", Tensor.zeros(TensorType.of(DType.F32, 2, 3)), "labels", Tensor.of(new int[] {1, 5}, 2))));
        assertEquals("%2 cross_entropy (loss) at " + node.origin() + ": label 5 in row 1 is out of range [0, 3)",
                e.getMessage());
        assertSame(node, e.node());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void unnamedNodeWithoutOriginIsNamedByRefAndOp() {
        GraphBuilder b = new GraphBuilder("g");
        Value x = b.input("x", DType.F64, 2, 2);
        Value labels = b.input("labels", DType.I32, 2);
        Graph g = b.output("y", b.applyAt(OpCode.GATHER, Attrs.NONE, null, null, x, labels)).build();
        InterpreterException e = assertThrows(InterpreterException.class, () -> new Interpreter().prepare(g)
                .run(Map.of("x", Tensor.of(new double[4], 2, 2), "labels", Tensor.of(new int[] {-3, 0}, 2))));
        assertEquals("%2 gather: label -3 in row 0 is out of range [0, 2)", e.getMessage());
    }
}
