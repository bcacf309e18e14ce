package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpreter's per-node hook: called around every node in order, with the values the node reads and makes. */
class NodeHookTest {

    @Test
    void seesEveryNodeInOrderWithItsInputsAndValue() {
        GraphBuilder b = new GraphBuilder("hooked");
        Value x = b.input("x", DType.F32, 2);
        Value h = x.relu();
        b.output("y", h.mul(2));
        Graph g = b.build();
        List<String> trace = new ArrayList<>();
        List<Tensor> captured = new ArrayList<>();
        NodeHook hook = new NodeHook() {
            @Override
            public void before(Node node, Tensor[] inputs) {
                trace.add("before " + node.ref() + " reading " + inputs.length);
            }

            @Override
            public void after(Node node, Tensor value) {
                trace.add("after " + node.ref());
                captured.add(value);
            }
        };
        Tensor fed = Tensor.of(new float[] {-1, 3}, 2);
        Map<String, Tensor> out = new Interpreter(hook).prepare(g).run(Map.of("x", fed));
        assertEquals(List.of("after %0", "before %1 reading 1", "after %1", "before %2 reading 0", "after %2",
                "before %3 reading 2", "after %3"), trace);
        assertSame(fed, captured.get(0));
        assertEquals(List.of(0.0, 3.0), List.of(captured.get(1).getDouble(0), captured.get(1).getDouble(1)));
        assertSame(out.get("y"), captured.get(3));
    }
}
