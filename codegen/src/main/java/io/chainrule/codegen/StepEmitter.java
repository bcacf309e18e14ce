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
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.NEWARRAY;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.T_INT;
import static org.objectweb.asm.Opcodes.V17;

import io.chainrule.codegen.MemoryPlan.Buffer;
import io.chainrule.codegen.kernels.GemmScratch;
import io.chainrule.codegen.kernels.SplitLoops;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes the class of a compiled step: one static method per kernel, and {@code step(float[][], int[][], scratch)}, which
 * calls the kernels in schedule order with their buffers and then copies the updates that were not made in place.
 * Kernels with work enough to split ({@link LoopSplit}: large fused loops, softmax) take a range of their outermost
 * axis and are called by way of {@link GemmScratch#loop}, which shares their ranges with the scratch's helper threads;
 * for that the class implements {@link SplitLoops} (its one instance in a static field) by a switch over them.
 * The step records which kernel is running, so a failure surfaces as a {@link KernelFailure} naming it. Long
 * schedules, many copies and many shape arrays are each split into several methods so that none exceeds the JIT's
 * 8,000-byte limit; a graph whose class would exceed the JVM's constant pool is refused with a {@link GraphException}.
 */
final class StepEmitter {
    static final String STEP = "step";
    private static final String COPIES = "copies";
    private static final String SHAPES = "shapes";
    private static final String GEMM_SCRATCH = Type.getInternalName(GemmScratch.class);
    static final String SCRATCH = "L" + GEMM_SCRATCH + ";";
    static final String STEP_DESC = "([[F[[I" + SCRATCH + ")V";
    private static final String SPLIT_LOOPS = Type.getInternalName(SplitLoops.class);
    private static final String LOOPS_DESC = "L" + SPLIT_LOOPS + ";";
    private static final String LOOPS_FIELD = "LOOPS";
    private static final String LOOP_PART = "loops";
    /** A part of {@code run}'s switch: the buffers first, as in a step part, then the loop and its range. */
    private static final String LOOP_PART_DESC = "([[F[[IIII)V";
    /**
     * Bytecode per step method: a call costs about 10 bytes plus 5 per buffer it passes, so parts are cut at this
     * estimate, well under the JIT's 8,000-byte limit. The methods copying updates and making shape arrays likewise.
     */
    private static final int STEP_METHOD_BUDGET = 6000;
    /** Bytecode of one update's copy at most: two buffers (5 bytes each), two zeros, the length and the call. */
    private static final int COPY_BYTES = 18;
    /** Entries a class's constant pool can hold: its count, one more than its entries, is an unsigned short. */
    private static final int MAX_CONSTANT_POOL_ENTRIES = 65534;

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
    /** The static int[] fields made so far, by their values. */
    private final Map<List<Integer>, String> intArrays = new LinkedHashMap<>();
    private final List<List<Integer>> kernelParams = new ArrayList<>();
    private final List<Boolean> kernelScratch = new ArrayList<>();
    /** Each kernel's number among the split loops, or -1. */
    private final List<Integer> kernelLoop = new ArrayList<>();
    /** The split loops' kernels and splits. */
    private final List<Integer> loopKernels = new ArrayList<>();
    private final List<LoopSplit> loopSplits = new ArrayList<>();

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
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, owner, null, "java/lang/Object",
                new String[] {SPLIT_LOOPS});
        cw.visitSource(graph.name() + ".chainrule", null);
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, LOOPS_FIELD, LOOPS_DESC, null, null)
                .visitEnd();
        for (Kernel k : schedule) {
            kernel(k);
        }
        int steps = split(schedule.size(), this::callBytes, this::stepPart);
        int copies = split(mem.copies().size(), c -> COPY_BYTES, this::copyPart);
        step(steps, copies);
        splitLoops();
        classInitializer();
        cw.visitEnd();
        try {
            return cw.toByteArray();
        } catch (ClassTooLargeException e) {
            throw new GraphException(String.format(Locale.ROOT, "graph %s is too large to compile into one class: "
                    + "its %,d kernels need %,d constant-pool entries, and a JVM class holds at most %,d; run it on "
                    + "the interpreter, or split it into smaller graphs", graph.name(), schedule.size(),
                    e.getConstantPoolCount() - 1, MAX_CONSTANT_POOL_ENTRIES));
        }
    }

    /** Writes one part of a long sequence of items: items {@code [from, to)} as method number {@code part}. */
    @FunctionalInterface
    private interface PartWriter {
        void write(int part, int from, int to);
    }

    /**
     * Cuts items {@code [0, count)} into consecutive parts of at most {@link #STEP_METHOD_BUDGET} bytes by their
     * estimates (an item over it alone), writes each part, and returns how many there are.
     */
    private static int split(int count, IntUnaryOperator bytes, PartWriter writer) {
        int parts = 0;
        for (int from = 0, to = 0; from < count; from = to, parts++) {
            int size = 0;
            while (to < count && (to == from || size + bytes.applyAsInt(to) <= STEP_METHOD_BUDGET)) {
                size += bytes.applyAsInt(to++);
            }
            writer.write(parts, from, to);
        }
        return parts;
    }

    private void kernel(Kernel k) {
        List<Integer> params;
        MethodVisitor mv;
        boolean scratch = false;
        LoopSplit split;
        if (k instanceof Kernel.Fused f) {
            FusedLoopEmitter e = new FusedLoopEmitter(graph, mem, f);
            params = e.params();
            split = e.split();
            mv = method(k.name(), split.splits() ? rangedDescriptor(params) : descriptor(params, false));
            e.emit(mv, split.splits());
        } else {
            LibraryCalls e = new LibraryCalls(graph, mem, k, owner, this::intArrayField);
            params = e.params();
            scratch = e.takesScratch();
            split = e.split();
            mv = method(k.name(), split.splits() ? rangedDescriptor(params) : descriptor(params, scratch));
            e.emit(mv, split.splits());
        }
        int loop = -1;
        if (split.splits()) {
            loop = loopKernels.size();
            loopKernels.add(kernelParams.size());
            loopSplits.add(split);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        kernelParams.add(params);
        kernelScratch.add(scratch);
        kernelLoop.add(loop);
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

    /** A split loop's: its buffers, then from and to. */
    private String rangedDescriptor(List<Integer> params) {
        String plain = descriptor(params, false);
        return plain.substring(0, plain.length() - 2) + "II)V";
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
            int loop = kernelLoop.get(k);
            if (loop >= 0) {
                mv.visitVarInsn(ALOAD, 2);
                mv.visitFieldInsn(GETSTATIC, owner, LOOPS_FIELD, LOOPS_DESC);
                Bytecode.pushInt(mv, loop);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitVarInsn(ALOAD, 1);
                LoopSplit split = loopSplits.get(loop);
                Bytecode.pushInt(mv, split.extent());
                Bytecode.pushInt(mv, split.inner());
                Bytecode.pushInt(mv, split.blocks());
                mv.visitMethodInsn(INVOKEVIRTUAL, GEMM_SCRATCH, "loop", "(" + LOOPS_DESC + "I[[F[[IIII)V", false);
                continue;
            }
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

    /** The entry point: every part of the schedule in order, then the updates that could not be written in place. */
    private void step(int steps, int copies) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, STEP, STEP_DESC, null, null);
        mv.visitCode();
        for (int part = 0; part < steps + copies; part++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(ALOAD, 2);
            String name = part < steps ? STEP + part : COPIES + (part - steps);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, STEP_DESC, false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Copies {@code [from, to)} of the updates' copies, in their order. */
    private void copyPart(int part, int from, int to) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, COPIES + part, STEP_DESC, null, null);
        mv.visitCode();
        for (MemoryPlan.Copy c : mem.copies().subList(from, to)) {
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

    /** A kernel's call and the store of its number; a split loop's call passes 8 values instead of its buffers. */
    private int callBytes(int kernel) {
        return kernelLoop.get(kernel) >= 0 ? 33 : 10 + 5 * kernelParams.get(kernel).size();
    }

    /**
     * {@link SplitLoops#run}: a switch over the split loops calling each with its buffers and range, cut into static
     * parts of at most {@link #STEP_METHOD_BUDGET} bytes (a case: its buffers, the range and the call; a switch entry
     * 4 bytes) chosen by comparing the loop's number with each part's first.
     */
    private void splitLoops() {
        List<Integer> firsts = new ArrayList<>();
        int parts = split(loopKernels.size(), l -> 16 + 5 * kernelParams.get(loopKernels.get(l)).size(),
                (part, from, to) -> {
                    firsts.add(from);
                    loopPart(part, from, to);
                });
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "run", "(I[[F[[III)V", null, null);
        mv.visitCode();
        for (int part = parts - 1; part >= 0; part--) {
            Label earlier = new Label();
            if (part > 0) {
                mv.visitVarInsn(ILOAD, 1);
                Bytecode.pushInt(mv, firsts.get(part));
                mv.visitJumpInsn(IF_ICMPLT, earlier);
            }
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitVarInsn(ILOAD, 4);
            mv.visitVarInsn(ILOAD, 5);
            mv.visitMethodInsn(INVOKESTATIC, owner, LOOP_PART + part, LOOP_PART_DESC, false);
            mv.visitInsn(RETURN);
            mv.visitLabel(earlier);
        }
        unknownLoop(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Split loops {@code [from, to)}: a table switch on the loop's number. */
    private void loopPart(int part, int from, int to) {
        MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, LOOP_PART + part, LOOP_PART_DESC, null, null);
        mv.visitCode();
        Label unknown = new Label();
        Label[] cases = new Label[to - from];
        Arrays.setAll(cases, c -> new Label());
        mv.visitVarInsn(ILOAD, 2);
        mv.visitTableSwitchInsn(from, to - 1, unknown, cases);
        for (int loop = from; loop < to; loop++) {
            mv.visitLabel(cases[loop - from]);
            int k = loopKernels.get(loop);
            for (int b : kernelParams.get(k)) {
                loadBuffer(mv, b);
            }
            mv.visitVarInsn(ILOAD, 3);
            mv.visitVarInsn(ILOAD, 4);
            mv.visitMethodInsn(INVOKESTATIC, owner, schedule.get(k).name(), rangedDescriptor(kernelParams.get(k)),
                    false);
            mv.visitInsn(RETURN);
        }
        mv.visitLabel(unknown);
        unknownLoop(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Throws for a loop number the class does not have: only a caller other than the step could pass one. */
    private static void unknownLoop(MethodVisitor mv) {
        mv.visitTypeInsn(NEW, "java/lang/IllegalArgumentException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("no such split loop");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "(Ljava/lang/String;)V",
                false);
        mv.visitInsn(ATHROW);
    }

    private void loadBuffer(MethodVisitor mv, int buffer) {
        Buffer b = mem.buffers().get(buffer);
        mv.visitVarInsn(ALOAD, b.dtype() == DType.I32 ? 1 : 0);
        Bytecode.pushInt(mv, b.slot());
        mv.visitInsn(AALOAD);
    }

    /**
     * A static field holding {@code values}, made once per distinct array. Not final: only the class initializer may
     * set a final field, and the arrays are made by methods of their own so that any number of them fits.
     */
    private String intArrayField(int[] values) {
        return intArrays.computeIfAbsent(Arrays.stream(values).boxed().toList(), key -> {
            String name = "SHAPE" + intArrays.size();
            cw.visitField(ACC_PRIVATE | ACC_STATIC, name, "[I", null, null).visitEnd();
            return name;
        });
    }

    /**
     * The class's one instance, for {@link SplitLoops}, and the class initializer: it makes that instance and the
     * shape arrays, calling a method per part of them.
     */
    private void classInitializer() {
        MethodVisitor init = cw.visitMethod(ACC_PRIVATE, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        List<Map.Entry<List<Integer>, String>> arrays = List.copyOf(intArrays.entrySet());
        // an array's bytes at most: its length, the allocation and the field's store, then per element the array,
        // the index, the value and the store
        int parts = split(arrays.size(), a -> 8 + 8 * arrays.get(a).getKey().size(), (part, from, to) -> {
            MethodVisitor mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, SHAPES + part, "()V", null, null);
            mv.visitCode();
            arrays.subList(from, to).forEach(a -> intArray(mv, a.getValue(), a.getKey()));
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        });
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitTypeInsn(NEW, owner);
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, owner, "<init>", "()V", false);
        mv.visitFieldInsn(PUTSTATIC, owner, LOOPS_FIELD, LOOPS_DESC);
        for (int part = 0; part < parts; part++) {
            mv.visitMethodInsn(INVOKESTATIC, owner, SHAPES + part, "()V", false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void intArray(MethodVisitor mv, String name, List<Integer> values) {
        Bytecode.pushInt(mv, values.size());
        mv.visitIntInsn(NEWARRAY, T_INT);
        for (int i = 0; i < values.size(); i++) {
            mv.visitInsn(DUP);
            Bytecode.pushInt(mv, i);
            Bytecode.pushInt(mv, values.get(i));
            mv.visitInsn(IASTORE);
        }
        mv.visitFieldInsn(PUTSTATIC, owner, name, "[I");
    }

    static String arrayDescriptor(DType dtype) {
        return switch (dtype) {
            case F32 -> "[F";
            case I32 -> "[I";
            case F64 -> throw new IllegalStateException("f64 buffers are not compiled");
        };
    }
}
