package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** The shape of fused loops that C2 can vectorize. */
class FusedLoopEmitterTest {

    /** Adam's update reads its bias corrections, one-element buffers, in every element's arithmetic. */
    @Test
    void valuesThatDoNotVaryInALoopAreLoadedBeforeIt() {
        GraphBuilder b = new GraphBuilder("adam_update");
        Value w = b.parameter("w", new Initializer.Fill(1), 12, 7);
        Value g = b.input("g", DType.F32, 12, 7);
        Value count = b.state("step", new Initializer.Zeros(), DType.F32);
        Value t = count.add(1);
        b.update("step", t);
        Adam.defaults().update(w, g, t);
        Graph graph = b.build();
        MethodNode update = kernel(graph, "12x7 update");
        int loopStart = -1;
        int loopEnd = -1;
        for (AbstractInsnNode insn : update.instructions) {
            if (insn.getOpcode() == Opcodes.GOTO) {
                loopStart = update.instructions.indexOf(((JumpInsnNode) insn).label);
                loopEnd = update.instructions.indexOf(insn);
            }
        }
        assertTrue(loopStart >= 0, "one loop");
        int scalarLoads = 0;
        for (int i = 0; i < update.instructions.size(); i++) {
            AbstractInsnNode insn = update.instructions.get(i);
            if (insn.getOpcode() == Opcodes.FALOAD && insn.getPrevious().getOpcode() == Opcodes.ICONST_0) {
                assertTrue(i < loopStart || i > loopEnd, "a one-element buffer read inside the loop at " + i);
                scalarLoads++;
            }
        }
        assertEquals(2, scalarLoads, "the step size and the second moment's correction, each read once");
        Differential.assertSameResults(graph, 1, "adam update");
    }

    /**
     * ReLU's gradient mask, {@code dy * (y > 0)}: through ScalarOps' double select, C2 emitted a jump that shuffled
     * real data mispredicts, so the comparison must not call ScalarOps (nor anything but the branch-free helpers).
     */
    @Test
    void aComparisonInAFloatLoopCallsNoScalarOpsMethod() {
        GraphBuilder b = new GraphBuilder("relu_mask");
        Value dy = b.input("dy", DType.F32, 12, 7);
        Value y = b.input("y", DType.F32, 12, 7);
        Value z = b.input("z", DType.F32, 12, 7);
        b.output("masked", dy.mul(y.gt(0)).add(z.le(y)).add(y.eq(z)).add(y.ne(z)).add(y.lt(z)).add(y.ge(z))
                .add(y.step()));
        Graph graph = b.build();
        ClassNode cls = new ClassNode();
        new ClassReader(Compiler.compile(graph).bytecode()).accept(cls, 0);
        MethodNode loop = cls.methods.stream().filter(m -> m.name.startsWith("k")).findFirst().orElseThrow();
        int calls = 0;
        for (AbstractInsnNode insn : loop.instructions) {
            if (insn instanceof MethodInsnNode call) {
                assertEquals("io/chainrule/ir/scalar/FloatComparisons", call.owner, call.name);
                calls++;
            }
        }
        assertEquals(7, calls, "one branch-free comparison per op");
        Differential.assertSameResults(graph, 1, "comparisons");
    }

    /** The fused kernel over the graph's largest shape (the first method taking six or more arrays). */
    private static MethodNode kernel(Graph graph, String what) {
        ClassNode cls = new ClassNode();
        new ClassReader(Compiler.compile(graph).bytecode()).accept(cls, 0);
        return cls.methods.stream()
                .filter(m -> m.name.startsWith("k") && m.desc.startsWith("([F[F[F[F[F[F"))
                .findFirst().orElseThrow(() -> new AssertionError("no kernel for the " + what));
    }
}
