package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.util.CheckClassAdapter;

/** Every generated class passes ASM's verifier, and no generated method is too big for C2 (HugeMethodLimit). */
public class GeneratedClassTest {
    static final int HUGE_METHOD_LIMIT = 8000;

    /** Verifies a generated class and checks its methods' sizes; fails naming the method or the verifier's finding. */
    public static void assertValid(byte[] bytes, String context) {
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedClassTest.class.getClassLoader(), false,
                new PrintWriter(report));
        assertEquals("", report.toString(), context + ": the verifier found problems");
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new CodeSizeEvaluator(null) {
                    @Override
                    public void visitEnd() {
                        assertTrue(getMaxSize() < HUGE_METHOD_LIMIT, context + ": method " + name + " has up to "
                                + getMaxSize() + " bytes of bytecode");
                    }
                };
            }
        }, 0);
    }

    @Test
    void randomGraphsCompileToValidClasses() {
        long base = RandomGraphDifferentialTest.baseSeed();
        for (long seed = base; seed < base + 200; seed++) {
            Graph forward = RandomGraphs.forward(seed);
            Graph train = TrainingGraph.build(forward, "loss", Adam.defaults(), new Gradients.Options(List.of(), true));
            assertValid(Compiler.compile(train).bytecode(), "random graph seed " + seed);
        }
    }
}
