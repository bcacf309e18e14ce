package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roots of one shape share a loop only while it streams at most {@link 9} buffers: the
 * Adam updates of a deep MLP's same-shaped weights each get a loop of their own, and small roots still share one.
 */
class SharedLoopBuffersTest {
    private static final int LAYERS = 6;
    private static final int WIDTH = 32;

    @Test
    void theAdamUpdatesOfSameShapedWeightsEachHaveTheirOwnLoop() {
        GraphBuilder b = new GraphBuilder("deep");
        Value h = b.input("x", DType.F32, 4, WIDTH);
        for (int layer = 0; layer < LAYERS; layer++) {
            h = new Linear("fc" + layer, WIDTH, WIDTH).apply(h).relu();
        }
        b.output("loss", h.mseLoss(b.input("y", DType.F32, 4, WIDTH)));
        Graph train = TrainingGraph.build(b.build(), "loss", Adam.defaults());
        KernelPlan plan = plan(train);
        Shape weight = Shape.of(WIDTH, WIDTH);
        List<Kernel.Fused> updates = plan.kernels().stream().filter(k -> k instanceof Kernel.Fused f
                && f.shape().equals(weight)).map(k -> (Kernel.Fused) k).toList();
        assertEquals(LAYERS, updates.size(), "one loop per weight's update: " + updates);
        for (Kernel.Fused f : updates) {
            assertEquals(3, f.roots().size(), f + ": the moments and the weight");
        }
        for (Kernel k : plan.kernels()) {
            if (k instanceof Kernel.Fused f && f.roots().size() > 1) {
                int buffers = f.roots().size() + LargeGraphTest.reads(plan, f);
                assertTrue(buffers <= FusionPass.MAX_SHARED_BUFFERS, f + " streams " + buffers + " buffers");
            }
        }
        Differential.assertSameResults(train, 1, "deep MLP's training step");
    }

    @Test
    void smallRootsOfOneShapeStillShareALoop() {
        GraphBuilder b = new GraphBuilder("small_roots");
        Value x = b.input("x", DType.F32, 8, 16);
        for (int i = 0; i < 4; i++) {
            b.output("y" + i, x.mul(x).add(b.input("z" + i, DType.F32, 8, 16)));
        }
        KernelPlan plan = plan(b.build());
        List<Kernel> fused = plan.kernels().stream().filter(k -> k instanceof Kernel.Fused).toList();
        assertEquals(1, fused.size(), "four roots reading five buffers, nine in all, in one loop: " + fused);
    }

    private static KernelPlan plan(Graph graph) {
        try (CompiledStep step = CompiledBackend.compile(graph)) {
            return step.plan();
        }
    }
}
