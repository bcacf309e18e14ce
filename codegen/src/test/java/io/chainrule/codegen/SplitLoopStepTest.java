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
import io.chainrule.ir.Initializer;
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
        assertTwoThreadsGiveTheBitsOfOne(train, 5, 20);
    }

    /**
     * 300 weights of 64 x 128, each updated by Adam in a split loop of its own: more cases than one method of the
     * class's switch holds (about 130), so {@code run} chooses between several parts; every part's loops must reach
     * the right kernel with the right buffers.
     */
    @Test
    void manySplitLoopsAreFoundThroughEveryPartOfTheSwitch() {
        GraphBuilder b = new GraphBuilder("many_split_loops");
        Value x = b.input("x", DType.F32, 64, 128);
        Value sum = null;
        for (int w = 0; w < 300; w++) {
            Value term = x.mul(b.parameter("w" + w, new Initializer.Uniform(-1, 1), 64, 128)).square();
            sum = sum == null ? term : sum.add(term);
        }
        b.output("loss", sum.mean());
        Graph train = TrainingGraph.build(b.build(), "loss", Adam.defaults());
        ClassNode cls = new ClassNode();
        new ClassReader(Compiler.compile(train).bytecode()).accept(cls, 0);
        Set<String> names = cls.methods.stream().map(m -> m.name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("loops0", "loops1", "loops2")), "parts of the switch: " + names);
        Differential.assertSameResults(train, 3, "300 split loops");
        assertTwoThreadsGiveTheBitsOfOne(train, 3, 1);
    }

    /** {@code runs} steps on one thread and on two from the same start: every loss and update bit for bit. */
    private static void assertTwoThreadsGiveTheBitsOfOne(Graph train, long seed, int runs) {
        Map<String, Tensor> start = new HashMap<>(RandomFeeds.inputs(train, seed));
        start.putAll(Parameters.initialize(train, seed));
        Map<String, Tensor> alone = copies(start);
        Map<String, Tensor> split = copies(start);
        Compiler.Compiled compiled = Compiler.compile(train);
        try (CompiledStep one = new CompiledStep(compiled, 1); CompiledStep two = new CompiledStep(compiled, 2)) {
            one.bind(alone);
            two.bind(split);
            for (int run = 0; run < runs; run++) {
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
