package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.Sgd;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.GraphException;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Graphs far beyond the built-in models compile to classes the JVM loads and C2 compiles, and agree with the
 * interpreter: elementwise chains of 2,000 ops, whose expression trees are too big for one loop (a tree reading
 * hundreds of parameters, as deep as the chain), alone and as a training step; a 1,000-layer MLP's training step;
 * hundreds of copied updates and shape arrays. A graph too big for any one class is refused, saying why.
 */
class LargeGraphTest {
    static final int CHAIN_OPS = 2000;
    static final int MLP_LAYERS = 1000;
    /** Kernels enough to overflow a class's constant pool: each takes at least three entries (name, type, ref). */
    static final int POOL_OVERFLOWING_KERNELS = 22_000;
    /** States updated by copies: at 18 bytes a copy and 16 per [2, n] shape array, more than fit one method. */
    static final int STATES = 600;
    /** Bytes of stack for compiling: a level of the emitter's recursion takes a few hundred. */
    static final long SMALL_STACK = 256 * 1024;

    @Test
    void aLongElementwiseChainIsSplitIntoLoopsThatFit() {
        Graph chain = chain("chain", CHAIN_OPS, 1);
        assertCompilesAndMatches(chain, "forward chain");
        long fused = plan(chain).kernels().stream().filter(k -> k instanceof Kernel.Fused).count();
        assertTrue(fused >= CHAIN_OPS / FusionPass.MAX_FUSED_NODES, "the chain in " + fused + " loops");
    }

    /**
     * One expression 2,000 unary ops deep, compiled on a thread with a small stack: enough for recursion bounded by the
     * loops' node cap, not for a level per op.
     */
    @Test
    void aDeepExpressionIsCompiledWithoutDeepRecursion() throws InterruptedException {
        GraphBuilder b = new GraphBuilder("deep");
        Value v = b.input("x", DType.F32, 3, 5);
        OpCode[] unary = {OpCode.TANH, OpCode.SIGMOID, OpCode.NEG, OpCode.ERF, OpCode.ABS};
        for (int i = 0; i < CHAIN_OPS; i++) {
            v = v.apply(unary[i % unary.length], Attrs.NONE);
        }
        Graph graph = b.output("y", v).build();
        Throwable[] failure = new Throwable[1];
        Thread compiler = new Thread(null, () -> {
            try {
                Compiler.compile(graph);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small stack", SMALL_STACK);
        compiler.start();
        compiler.join();
        assertNull(failure[0], "compiling on a " + SMALL_STACK / 1024 + " KB stack");
        assertCompilesAndMatches(graph, "deep expression");
    }

    @Test
    void aLongChainsTrainingStepMatchesTheInterpreter() {
        Graph train = TrainingGraph.build(chain("chain", CHAIN_OPS, 2), "loss",
                new Adam(0.01, 0.9, 0.999, 1e-3, 0, false), new Gradients.Options(List.of(), true));
        assertCompilesAndMatches(train, "chain training step");
    }

    @Test
    void aThousandLayerMlpsTrainingStepMatchesTheInterpreter() {
        GraphBuilder b = new GraphBuilder("deep_mlp");
        Value h = b.input("x", DType.F32, 4, 8);
        for (int layer = 0; layer < MLP_LAYERS; layer++) {
            h = new Linear("fc" + layer, 8, 8).apply(h);
            h = layer % 2 == 0 ? h.relu() : h.tanh();
        }
        b.output("loss", h.mseLoss(b.input("y", DType.F32, 4, 8)));
        Graph train = TrainingGraph.build(b.build(), "loss", Sgd.momentum(0.1, 0.9));
        assertCompilesAndMatches(train, "1,000-layer MLP training step");
    }

    /** Each update below is a library call's result, copied after the step; each transpose takes two shape arrays. */
    @Test
    void manyCopiedUpdatesAndShapeArraysAreSplitIntoMethods() {
        GraphBuilder b = new GraphBuilder("many_states");
        for (int i = 0; i < STATES; i++) {
            Value s = b.state("s" + i, new Initializer.Uniform(-1, 1), DType.F32, 2, i + 1);
            b.update("s" + i, s.softmax(1));
            b.output("t" + i, s.transpose());
        }
        Graph graph = b.build();
        assertCompilesAndMatches(graph, STATES + " states");
        assertEquals(STATES, plan(graph).memory().copies().size(), "every update copied");
    }

    @Test
    void aGraphBeyondOneClassIsRefusedWithTheReason() {
        GraphBuilder b = new GraphBuilder("softmaxes");
        // one origin for all, rather than a walk of the stack per node
        Value v = b.withOrigin("test", () -> {
            Value x = b.input("x", DType.F32, 1, 2);
            for (int i = 0; i < POOL_OVERFLOWING_KERNELS; i++) {
                x = x.softmax(1);
            }
            return x;
        });
        Graph graph = b.output("y", v).build();
        GraphException e = assertThrows(GraphException.class, () -> Compiler.compile(graph));
        String expected = String.format(Locale.ROOT, "graph softmaxes is too large to compile into one class: its "
                + "%,d kernels need 6[0-9],[0-9]{3} constant-pool entries, and a JVM class holds at most 65,534; run "
                + "it on the interpreter, or split it into smaller graphs", POOL_OVERFLOWING_KERNELS);
        assertTrue(e.getMessage().matches(expected), e.getMessage());
    }

    /**
     * Same results as the interpreter; a class that verifies with no method too big for C2; every fused loop within
     * the bytecode the fusion pass budgets for it, and within its node cap (so the emitter's recursion is too).
     */
    private static void assertCompilesAndMatches(Graph graph, String context) {
        Differential.assertSameResults(graph, 1, context);
        byte[] bytes = CompiledBackend.bytecode(graph);
        GeneratedClassTest.assertValid(bytes, context);
        KernelPlan plan = plan(graph);
        Map<String, Integer> sizes = codeSizes(bytes);
        for (Kernel k : plan.kernels()) {
            if (k instanceof Kernel.Fused f) {
                int loops = (int) Arrays.stream(f.shape().dims()).filter(d -> d != 1).count();
                int bound = FusedLoopEmitter.maxBytes(f.nodes().size(), f.roots().size(), reads(plan, f), loops);
                assertTrue(sizes.get(f.name()) <= bound && bound <= FusionPass.MAX_FUSED_BYTES, context + ": "
                        + f.name() + " has " + sizes.get(f.name()) + " bytes, bound " + bound);
                assertTrue(f.nodes().size() <= FusionPass.MAX_FUSED_NODES, context + ": " + f.name() + " has "
                        + f.nodes().size() + " nodes");
            }
        }
    }

    private static KernelPlan plan(Graph graph) {
        try (CompiledStep step = CompiledBackend.compile(graph)) {
            return step.plan();
        }
    }

    /** The values a fused loop reads from memory: inputs of its nodes computed elsewhere, but for literals. */
    static int reads(KernelPlan plan, Kernel.Fused f) {
        Set<Integer> inside = new HashSet<>(f.nodes());
        Set<Integer> reads = new HashSet<>();
        for (int id : f.nodes()) {
            for (int in : plan.graph().node(id).inputs()) {
                Node n = plan.graph().node(in);
                boolean literal = Constants.isUniform(n) && plan.memory().nodeBuffer()[in] < 0;
                if (!inside.contains(in) && !literal) {
                    reads.add(in);
                }
            }
        }
        return reads.size();
    }

    /** Each method's bytecode size at most (ASM's estimate, which allows for jumps made wide). */
    private static Map<String, Integer> codeSizes(byte[] bytes) {
        ClassNode cls = new ClassNode();
        new ClassReader(bytes).accept(cls, 0);
        Map<String, Integer> sizes = new HashMap<>();
        for (MethodNode m : cls.methods) {
            CodeSizeEvaluator size = new CodeSizeEvaluator(null);
            m.accept(size);
            sizes.put(m.name, size.getMaxSize());
        }
        return sizes;
    }

    /**
     * About {@code ops} elementwise ops on a [3, 5] value, drawn at random with the values kept in a small range: unary
     * ops, products and sums with parameters of their own (broadcast or not), and binary ops reading earlier values
     * (the input, and every 1,000th value), so that a stretch of chain between two stored values is one expression
     * tree hundreds of nodes deep reading hundreds of values.
     */
    static Graph chain(String name, int ops, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder(name);
        Value x = b.input("x", DType.F32, 3, 5);
        List<Value> earlier = new ArrayList<>(List.of(x));
        Value v = x;
        int count = 0;
        while (count < ops) {
            int before = b.size();
            Value e = earlier.get(rng.nextInt(earlier.size()));
            v = switch (rng.nextInt(20)) {
                case 0, 1, 2, 3, 4 -> v.mul(b.parameter("p" + b.size(), new Initializer.Uniform(-1, 1), 5));
                case 5, 6, 7, 8, 9 -> v.add(b.parameter("p" + b.size(), new Initializer.Uniform(-1, 1), 3, 5))
                        .mul(0.5);
                case 10 -> v.tanh();
                case 11 -> v.sigmoid().sub(0.5);
                case 12 -> v.sub(e).mul(0.5);
                case 13 -> v.mul(e.tanh());
                case 14 -> v.maximum(e);
                case 15 -> v.div(e.abs().add(1));
                case 16 -> v.abs().add(0.5).apply(new OpCode[] {OpCode.LOG, OpCode.SQRT, OpCode.RECIPROCAL}
                        [rng.nextInt(3)], Attrs.NONE);
                case 17 -> v.apply(new OpCode[] {OpCode.GELU, OpCode.SIGMOID, OpCode.ERF, OpCode.NEG, OpCode.RELU,
                        OpCode.ABS}[rng.nextInt(6)], Attrs.NONE);
                case 18 -> v.leakyRelu(0.1).tanh().exp().sub(1);
                default -> v.tanh().square().mul(e.gt(0.25));
            };
            for (int id = before; id < b.size(); id++) {
                count += b.node(id).op().kind() == OpCode.Kind.SOURCE ? 0 : 1;
            }
            if (count / 1000 > (earlier.size() - 1)) {
                earlier.add(v);
            }
        }
        b.output("loss", v.square().mean());
        b.output("last", v);
        return b.build();
    }
}
