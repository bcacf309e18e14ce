package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.kernels.SplitLoops;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** A compiled step's large fused loops, split between the caller and a helper thread by ranges of their outer axis. */
class SplitLoopStepTest {
    /**
     * Adam over fc1's 160 x 200 weights, the tanh gradient over 64 x 160, log-softmax over 64 x 40 and its gradient's
     * exp: large enough to split; the rest is not.
     */
    private static Graph training() {
        GraphBuilder b = new GraphBuilder("split_loops");
        Value x = b.input("x", DType.F32, 64, 200);
        Value y = b.input("y", DType.I32, 64);
        Value hidden = new Linear("fc1", 200, 160).apply(x).tanh();
        Value logProbabilities = new Linear("fc2", 160, 40).apply(hidden).logSoftmax(1);
        b.output("loss", logProbabilities.crossEntropy(y));
        return TrainingGraph.build(b.build(), "loss", Adam.defaults());
    }

    @Test
    void largeLoopsTakeARangeAndAreRunByWayOfTheScratch() {
        ClassNode cls = new ClassNode();
        new ClassReader(Compiler.compile(training()).bytecode()).accept(cls, 0);
        assertEquals(List.of(Type.getInternalName(SplitLoops.class)), cls.interfaces);
        Set<String> ranged = cls.methods.stream().filter(m -> m.name.startsWith("k") && m.desc.endsWith("II)V"))
                .map(m -> m.name).collect(Collectors.toSet());
        assertTrue(ranged.size() >= 4, "ranged kernels: " + ranged);
        assertTrue(ranged.stream().anyMatch(name -> name.contains("log_softmax")), "log-softmax split: " + ranged);
        int splitCalls = 0;
        for (MethodNode m : cls.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof MethodInsnNode call && m.name.startsWith(StepEmitter.STEP)) {
                    assertTrue(!ranged.contains(call.name), "a ranged kernel called directly: " + call.name);
                    splitCalls += call.name.equals("loop") ? 1 : 0;
                }
            }
        }
        assertEquals(ranged.size(), splitCalls, "each ranged kernel called through GemmScratch.loop");
    }

    @Test
    void twoThreadsGiveTheBitsOfOneAndTheInterpretersResults() {
        Graph train = training();
        Differential.assertSameResults(train, 5, "split loops");
        Map<String, Tensor> start = new HashMap<>(RandomFeeds.inputs(train, 5));
        start.putAll(Parameters.initialize(train, 5));
        Map<String, Tensor> alone = copies(start);
        Map<String, Tensor> split = copies(start);
        Compiler.Compiled compiled = Compiler.compile(train);
        try (CompiledStep one = new CompiledStep(compiled, 1); CompiledStep two = new CompiledStep(compiled, 2)) {
            one.bind(alone);
            two.bind(split);
            for (int run = 0; run < 20; run++) {
                one.run();
                two.run();
                assertArrayEquals(one.output("loss").floats(), two.output("loss").floats(), "loss, run " + run);
                for (String name : train.updates().keySet()) {
                    assertArrayEquals(alone.get(name).floats(), split.get(name).floats(), name + ", run " + run);
                }
            }
        }
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> feeds) {
        Map<String, Tensor> copies = new HashMap<>();
        feeds.forEach((name, t) -> copies.put(name, t.copy()));
        return copies;
    }
}
