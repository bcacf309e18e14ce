package io.chainrule.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    @Test
    void shapeErrorNamesOpNodeAndBothShapes() {
        GraphBuilder g = new GraphBuilder("bad");
        Value x = g.input("x", DType.F32, 100, 120);
        Value w = g.parameter("fc2.weight", new Initializer.Zeros(), 84, 10);
        ShapeException e = assertThrows(ShapeException.class,
                () -> g.apply(OpCode.MATMUL, new Attrs.MatMul(false, false), "fc2", x, w));
        assertEquals("matmul fc2: [100,120] x [84,10]: inner dimensions 120 and 84 differ", e.getMessage());
    }

    @Test
    void unnamedNodesAreCalledByTheirRef() {
        GraphBuilder g = new GraphBuilder("bad");
        Value a = g.input("a", DType.F32, 2, 3);
        Value b = g.input("b", DType.F32, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> a.add(b));
        assertEquals("add %2: f32[2,3] and f32[4]: shapes do not broadcast", e.getMessage());
    }

    @Test
    void duplicateNamesAreRejectedWithTheHolder() {
        GraphBuilder g = new GraphBuilder("dup");
        g.input("x", DType.F32, 2);
        GraphException e = assertThrows(GraphException.class, () -> g.input("x", DType.F32, 3));
        assertEquals("duplicate name 'x': already used by %0", e.getMessage());
        Value y = g.input("y", DType.F32, 2);
        Value r = y.relu();
        e = assertThrows(GraphException.class, () -> r.named("x"));
        assertEquals("duplicate name 'x': already used by %0", e.getMessage());
        r.named("h").named("h");
        e = assertThrows(GraphException.class, () -> g.input("h", DType.F32, 2));
        assertEquals("duplicate name 'h': already used by %2", e.getMessage());
    }

    @Test
    void invalidNamesArityAttrsAndForeignValuesAreRejected() {
        GraphBuilder g = new GraphBuilder("g");
        assertEquals("invalid input name '1x': use letters, digits, '_' and '.', not starting with a digit",
                assertThrows(GraphException.class, () -> g.input("1x", DType.F32, 2)).getMessage());
        Value x = g.input("x", DType.F32, 2);
        assertEquals("relu %1: takes 1 inputs, got 2",
                assertThrows(GraphException.class, () -> g.apply(OpCode.RELU, Attrs.NONE, null, x, x)).getMessage());
        assertEquals("leaky_relu %1: expects attributes Alpha, got None[]", assertThrows(GraphException.class,
                () -> g.apply(OpCode.LEAKY_RELU, Attrs.NONE, null, x)).getMessage());
        Value other = new GraphBuilder("h").input("z", DType.F32, 2);
        assertEquals("add %1: input z:f32[2] belongs to another graph",
                assertThrows(GraphException.class, () -> x.add(other)).getMessage());
        assertEquals("input %1: source ops are declared, not applied",
                assertThrows(GraphException.class, () -> g.apply(OpCode.INPUT, Attrs.NONE, null)).getMessage());
        assertEquals("graph g has no outputs", assertThrows(GraphException.class, g::build).getMessage());
        assertEquals("constant f32[2,2]: 3 values for 4 elements", assertThrows(GraphException.class,
                () -> g.constant(TensorType.of(DType.F32, 2, 2), 1, 2, 3)).getMessage());
    }

    @Test
    void nodesRecordTheirBuildersCallSite() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 2);
        assertTrue(x.node().origin().startsWith("GraphBuilderTest.java:"), x.node().origin());
    }

    @Test
    void graphsAreImmutableValuesWithDerivedInputsAndParameters() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 2, 3);
        Value w = g.parameter("w", new Initializer.Normal(0, 1), 3, 1);
        g.output("y", x.matmul(w).named("y"));
        Graph graph = g.build();
        assertEquals(List.of("x"), graph.inputs().stream().map(Node::name).toList());
        assertEquals(List.of("w"), graph.parameters().stream().map(Node::name).toList());
        assertEquals("f32[2,1]", graph.output("y").type().toString());
        assertThrows(UnsupportedOperationException.class, () -> graph.nodes().add(graph.node(0)));
        assertEquals("graph g has no output 'z' (outputs: [y])",
                assertThrows(GraphException.class, () -> graph.output("z")).getMessage());
        Graph copy = GraphBuilder.extend(graph).build();
        assertEquals(graph, copy);
        GraphBuilder more = GraphBuilder.extend(graph);
        more.output("s", more.value(2).sum());
        assertNotEquals(graph, more.build());
    }

    @Test
    void fluentHelpersBuildTheExpectedOps() {
        GraphBuilder g = new GraphBuilder("g");
        Value x = g.input("x", DType.F32, 2, 3, 4);
        assertEquals("f32[2,12]", x.flatten().node().type().toString());
        assertEquals("f32[6,4]", x.reshape(-1, 4).node().type().toString());
        assertEquals("f32[2,4,3]", x.transpose().node().type().toString());
        assertEquals("f32[2,3,4]", x.mul(2.0).node().type().toString());
        assertEquals("reshape x: [2,3,4]: cannot infer -1 in [-1, 5]",
                assertThrows(ShapeException.class, () -> x.reshape(-1, 5)).getMessage());
        Value labels = g.input("y", DType.I32, 2);
        assertEquals("f32[2,10]", labels.oneHot(10).node().type().toString());
    }
}
