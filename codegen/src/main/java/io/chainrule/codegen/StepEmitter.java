package io.chainrule.codegen;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.NEWARRAY;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.T_INT;
import static org.objectweb.asm.Opcodes.V17;

import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the class of a compiled step: one static method per kernel, and {@code step(float[][], int[][], scratch)}, which
 * calls the kernels in schedule order with their buffers and then copies the updates that were not made in place.
 * The step records which kernel is running, so a failure surfaces as a {@link KernelFailure} naming it. Long
 * schedules are split into several step methods so that none exceeds the JIT's 8,000-byte limit.
 */
final class StepEmitter {
    static final String STEP = "step";
    static final String SCRATCH = "Lio/chainrule/codegen/kernels/GemmScratch;";
    static final String STEP_DESC = "([[F[[I" + SCRATCH + ")V";
    /**
     * Bytecode per step method: a call costs about 10 bytes plus 5 per buffer it passes, so parts are cut at this
     * estimate, well under the JIT's 8,000-byte limit.
     */
    private static final int STEP_METHOD_BUDGET = 6000;

    private final String owner;
    private final Graph graph;
    private final List<Kernel> schedule;
    private final MemoryPlan mem;
    private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
        @Override
        protected String getCommonSuperClass(String a, String b) {
            return "java/lang/Object";
        }
    };
    private final Map<String, int[]> intArrays = new LinkedHashMap<>();
    private final List<List<Integer>> kernelParams = new ArrayList<>();
    private final List<Boolean> kernelScratch = new ArrayList<>();

    private StepEmitter(String owner, Graph graph, List<Kernel> schedule, MemoryPlan mem) {
        this.owner = owner;
        this.graph = graph;
        this.schedule = schedule;
        this.mem = mem;
    }

    /** @param owner the internal name of the class to write, in package io/chainrule/codegen */
    static byte[] emit(String owner, Graph graph, List<Kernel> schedule, MemoryPlan mem) {
        return new StepEmitter(owner, graph, schedule, mem).write();
    }

    private byte[] write() {
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, owner, null, "java/lang/Object", null);
        cw.visitSource(graph.name() + ".chainrule", null);
        for (Kernel k : schedule) {
            kernel(k);
        }
        int parts = 0;
        for (int from = 0, to = 0; from < schedule.size(); from = to, parts++) {
            int bytes = 0;
            while (to < schedule.size() && (to == from || bytes + callBytes(to) <= STEP_METHOD_BUDGET)) {
                bytes += callBytes(to++);
            }
            stepPart(parts, from, to);
        }
        step(parts);
        staticArrays();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void kernel(Kernel k) {
        List<Integer> params;
        MethodVisitor mv;
        boolean scratch = false;
        if (k instanceof Kernel.Fused f) {
            FusedLoopEmitter e = new FusedLoopEmitter(graph, mem, f);
            params = e.params();
            mv = method(k.name(), descriptor(params, false));
            e.emit(mv);
        } else {
            LibraryCalls e = new LibraryCalls(graph, mem, k, owner, this::intArrayField);
            params = e.params();
            scratch = e.takesScratch();
            mv = method(k.name(), descriptor(params, scratch));
            e.emit(mv);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        kernelParams.add(params);
        kernelScratch.add(scratch);
    }

    private MethodVisitor method(String name, String desc) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        return mv;
    }

    private String descriptor(List<Integer> params, boolean scratch) {
        StringBuilder desc = new StringBuilder("(");
        params.forEach(b -> desc.append(arrayDescriptor(mem.buffers().get(b).dtype())));
        return desc.append(scratch ? SCRATCH : "").append(")V").toString();
    }

    /** Kernels {@code [from, to)}, tracking the running kernel in local 3 for the failure handler. */
    private void stepPart(int part, int from, int to) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, STEP + part, STEP_DESC, null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        Bytecode.pushInt(mv, from);
        mv.visitVarInsn(ISTORE, 3);
        mv.visitLabel(start);
        for (int k = from; k < to; k++) {
            Bytecode.pushInt(mv, k);
            mv.visitVarInsn(ISTORE, 3);
            for (int b : kernelParams.get(k)) {
                loadBuffer(mv, b);
            }
            if (kernelScratch.get(k)) {
                mv.visitVarInsn(ALOAD, 2);
            }
            mv.visitMethodInsn(INVOKESTATIC, owner, schedule.get(k).name(),
                    descriptor(kernelParams.get(k), kernelScratch.get(k)), false);
        }
        mv.visitLabel(end);
        mv.visitInsn(RETURN);
        mv.visitLabel(handler);
        mv.visitVarInsn(ASTORE, 4);
        mv.visitTypeInsn(NEW, "io/chainrule/codegen/KernelFailure");
        mv.visitInsn(DUP);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ALOAD, 4);
        mv.visitMethodInsn(INVOKESPECIAL, "io/chainrule/codegen/KernelFailure", "<init>", "(ILjava/lang/Throwable;)V",
                false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The entry point: every part in order, then the updates that could not be written in place. */
    private void step(int parts) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, STEP, STEP_DESC, null, null);
        mv.visitCode();
        for (int part = 0; part < parts; part++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, owner, STEP + part, STEP_DESC, false);
        }
        for (MemoryPlan.Copy c : mem.copies()) {
            loadBuffer(mv, c.from());
            mv.visitInsn(ICONST_0);
            loadBuffer(mv, c.to());
            mv.visitInsn(ICONST_0);
            Bytecode.pushInt(mv, c.length());
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V",
                    false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private int callBytes(int kernel) {
        return 10 + 5 * kernelParams.get(kernel).size();
    }

    private void loadBuffer(MethodVisitor mv, int buffer) {
        Buffer b = mem.buffers().get(buffer);
        mv.visitVarInsn(ALOAD, b.dtype() == DType.I32 ? 1 : 0);
        Bytecode.pushInt(mv, b.slot());
        mv.visitInsn(AALOAD);
    }

    private String intArrayField(int[] values) {
        for (Map.Entry<String, int[]> e : intArrays.entrySet()) {
            if (Arrays.equals(e.getValue(), values)) {
                return e.getKey();
            }
        }
        String name = "SHAPE" + intArrays.size();
        intArrays.put(name, values.clone());
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, name, "[I", null, null).visitEnd();
        return name;
    }

    private void staticArrays() {
        if (intArrays.isEmpty()) {
            return;
        }
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        intArrays.forEach((name, values) -> {
            Bytecode.pushInt(mv, values.length);
            mv.visitIntInsn(NEWARRAY, T_INT);
            for (int i = 0; i < values.length; i++) {
                mv.visitInsn(DUP);
                Bytecode.pushInt(mv, i);
                Bytecode.pushInt(mv, values[i]);
                mv.visitInsn(IASTORE);
            }
            mv.visitFieldInsn(PUTSTATIC, owner, name, "[I");
        });
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    static String arrayDescriptor(DType dtype) {
        return switch (dtype) {
            case F32 -> "[F";
            case I32 -> "[I";
            case F64 -> throw new IllegalStateException("f64 buffers are not compiled");
        };
    }
}
