package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Graphs that once broke the compiler (found in review), held to the interpreter's results. */
class ReviewedCasesTest {

    @Test
    void aReshapedConstantCompiles() {
        GraphBuilder g = new GraphBuilder("reshaped_constant");
        Value x = g.input("x", DType.F32, 6);
        Value c = g.constant(TensorType.of(DType.F32, 2, 3), 1, 2, 3, 4, 5, 6);
        g.output("y", x.add(c.reshape(6)));
        Differential.assertSameResults(g.build(), 1, "reshaped constant");
    }

    @Test
    void everyUpdateReadsTheValuesBeforeAnyUpdate() {
        GraphBuilder g = new GraphBuilder("old_values");
        Value p = g.parameter("p", new Initializer.Fill(1), 6);
        Value s = g.state("s", new Initializer.Zeros(), DType.F32, 6);
        g.update("p", p.add(1));
        g.update("s", p);
        g.output("sum", s.sum());
        Graph graph = g.build();
        Differential.assertSameResults(graph, 1, "s := p beside p := p + 1");
        Map<String, Tensor> feeds = new HashMap<>(Map.of("p", Tensor.of(new float[] {1, 1, 1, 1, 1, 1}, 6),
                "s", Tensor.of(new float[6], 6)));
        new Interpreter().prepare(graph).run(feeds);
        assertEquals(1.0, feeds.get("s").getDouble(0), "s takes p's value before the step");
    }

    @Test
    void updatesAreOneParallelAssignment() {
        GraphBuilder g = new GraphBuilder("rotations");
        Value a = g.parameter("a", new Initializer.Fill(1), 3);
        Value b = g.parameter("b", new Initializer.Fill(2), 3);
        Value c = g.state("c", new Initializer.Fill(3), DType.F32, 3);
        Value d = g.state("d", new Initializer.Fill(4), DType.F32, 3);
        Value e = g.state("e", new Initializer.Fill(5), DType.F32, 3);
        g.update("a", b);
        g.update("b", a);
        g.update("c", d);
        g.update("d", e);
        g.update("e", c);
        g.output("sum", a.add(e).sum());
        Graph graph = g.build();
        CompiledStep step = CompiledBackend.compile(graph);
        Map<String, Tensor> feeds = new HashMap<>(Parameters.initialize(graph, 1));
        step.bind(feeds);
        step.run();
        assertEquals(List.of(2.0, 1.0, 4.0, 5.0, 3.0), List.of("a", "b", "c", "d", "e").stream()
                .map(name -> feeds.get(name).getDouble(2)).toList(), "a swap and a rotation of three");
        Differential.assertSameResults(graph, 1, "a := b, b := a, c := d, d := e, e := c");
        assertTrue(step.plan().toString().contains("updates copied after the step: 5 of 5"), step.plan().toString());
    }

    @Test
    void theCompiledClassCacheStaysBounded() {
        for (int i = 1; i <= CompiledBackend.CACHED + 6; i++) {
            GraphBuilder g = new GraphBuilder("shape_" + i);
            g.output("y", g.input("x", DType.F32, i).exp());
            CompiledBackend.bytecode(g.build());
        }
        int cached = CompiledBackend.cachedGraphs();
        assertTrue(cached <= CompiledBackend.CACHED, "cached: " + cached);
    }

    @Test
    void aWideFusedLoopStaysUnderTheParameterLimit() {
        GraphBuilder g = new GraphBuilder("wide");
        Value total = null;
        for (int i = 0; i < 140; i++) {
            Value e = g.input("x" + i, DType.F32, 4).exp();
            total = total == null ? e.sum() : total.add(e.sum());
        }
        g.output("total", total);
        Graph graph = g.build();
        GeneratedClassTest.assertValid(Compiler.compile(graph).bytecode(), "140 roots");
        Differential.assertSameResults(graph, 1, "140 roots");
    }
}
