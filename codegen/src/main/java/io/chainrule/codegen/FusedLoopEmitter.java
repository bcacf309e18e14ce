package io.chainrule.codegen;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.D2F;
import static org.objectweb.asm.Opcodes.FLOAD;
import static org.objectweb.asm.Opcodes.FSTORE;
import static org.objectweb.asm.Opcodes.D2I;
import static org.objectweb.asm.Opcodes.F2D;
import static org.objectweb.asm.Opcodes.FALOAD;
import static org.objectweb.asm.Opcodes.FASTORE;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2D;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IALOAD;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IMUL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.RETURN;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.scalar.ScalarFunctions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Emits a fused elementwise kernel: one loop nest over the kernel's shape (adjacent axes merged wherever every array
 * is read contiguously across them, so the common cases are one flat loop or rows by columns), reading each stored
 * input at its broadcast offset into a local, once, before the loops it does not vary in. Each op is a call to its
 * {@link ScalarFunctions} method in double, rounded to the node's dtype after every op exactly as the
 * interpreter rounds; for f32 arithmetic and sqrt the float instruction itself (see {@link FloatArithmetic}), which
 * gives the same bits and lets C2 vectorize the loop. Fused and interpreted elementwise results agree to the bit. Roots
 * are stored after the whole body, so a root may overwrite an input it reads at the same index (in-place updates).
 */
final class FusedLoopEmitter {
    /**
     * The work of an op computed by a call, in vectorized float ops: from a few (an inlined comparison) to hundreds (in
     * the MNIST MLP's step exp took about 6 ns an element, Adam's 13 float ops 0.2 ns together). 8 splits the step's
     * exp over 1,000 elements in two.
     */
    static final int CALL_WORK = 8;
    private final Graph graph;
    private final MemoryPlan mem;
    private final Kernel.Fused kernel;
    private final List<Integer> params = new ArrayList<>();
    private final Map<Integer, Integer> readOf = new LinkedHashMap<>();
    private final List<int[]> readStrides = new ArrayList<>();
    private final List<Integer> readParam = new ArrayList<>();
    private final Map<Integer, Integer> rootLocal = new HashMap<>();
    /** The local holding read r's value when it is loaded before the loops it does not vary in, else -1. */
    private int[] hoisted;
    private int[] dims = new int[0];
    /** The local holding a ranged kernel's first index (the next one holds its end), or -1. */
    private int from;
    private int nextLocal;

    FusedLoopEmitter(Graph graph, MemoryPlan mem, Kernel.Fused kernel) {
        this.graph = graph;
        this.mem = mem;
        this.kernel = kernel;
        for (int root : kernel.roots()) {
            param(mem.nodeBuffer()[root]);
        }
        for (int id : kernel.nodes()) {
            for (int in : graph.node(id).inputs()) {
                if (!kernel.nodes().contains(in) && !isLiteral(in) && !readOf.containsKey(in)) {
                    readOf.put(in, readStrides.size());
                    readStrides.add(strides(graph.node(in).shape(), kernel.shape()));
                    readParam.add(param(mem.nodeBuffer()[in]));
                }
            }
        }
        if (kernel.shape().size() != 0) {
            collapse(strides(kernel.shape(), kernel.shape()));
        }
    }

    /**
     * An upper bound of the bytecode of a loop nest with {@code loops} loops computing {@code nodes} nodes into
     * {@code roots} stored values from {@code reads} inputs, counting every local access as a wide one (4 bytes) and
     * every constant as an ldc_w (3). Each node is at most a ScalarOps call with its conversions (7 bytes for a
     * select) and three operand loads (19); each root a store to a local and one into its array (15); each read a load
     * before the loops (11); each loop its counter, test and jump (24), and for every read and the output an offset
     * (17).
     */
    static int maxBytes(int nodes, int roots, int reads, int loops) {
        return 19 * nodes + 15 * roots + 11 * reads + loops * (24 + 17 * (reads + 1)) + 1;
    }

    /** The buffers this kernel takes, in parameter order (outputs first). */
    List<Integer> params() {
        return params;
    }

    /**
     * How a compiled step may split this loop between threads, by ranges of its outermost loop, from an estimate of
     * its work: a unit per element and op, and {@link #CALL_WORK} for an op computed by a call (exp, a comparison)
     * rather than by a float instruction that C2 vectorizes.
     */
    LoopSplit split() {
        if (dims.length == 0) {
            return LoopSplit.NONE;
        }
        long perElement = 0;
        for (int id : kernel.nodes()) {
            Node n = graph.node(id);
            if (n.op() != OpCode.BROADCAST) {
                perElement += n.dtype() != DType.I32 && FloatArithmetic.covers(n.op()) ? 1 : CALL_WORK;
            }
        }
        int inner = 1;
        for (int a = 1; a < dims.length; a++) {
            inner *= dims[a];
        }
        return LoopSplit.of(dims[0], inner, (long) kernel.shape().size() * perElement);
    }

    /**
     * Writes the method's body. A {@code ranged} kernel takes two ints after its buffers, from and to, and runs its
     * outermost loop over [from, to) only, so that threads can share it; the others run it whole.
     */
    void emit(MethodVisitor mv, boolean ranged) {
        from = ranged ? params.size() : -1;
        nextLocal = params.size() + (ranged ? 2 : 0);
        if (kernel.shape().size() == 0) {
            mv.visitInsn(RETURN);
            return;
        }
        int[] bases = new int[readStrides.size()];
        java.util.Arrays.fill(bases, -1);
        hoisted = new int[readOf.size()];
        java.util.Arrays.fill(hoisted, -1);
        loops(mv, 0, bases);
        mv.visitInsn(RETURN);
    }

    private int param(int buffer) {
        int i = params.indexOf(buffer);
        if (i < 0) {
            params.add(buffer);
            i = params.size() - 1;
        }
        return i;
    }

    private boolean isLiteral(int id) {
        Node n = graph.node(id);
        return n.op() == OpCode.CONSTANT && Constants.isUniform(n) && mem.nodeBuffer()[id] < 0;
    }

    /** Element strides of {@code from} broadcast to {@code to} (NumPy alignment: 0 along broadcast axes). */
    private static int[] strides(Shape from, Shape to) {
        int[] own = from.strides();
        int[] s = new int[to.rank()];
        for (int d = 0; d < to.rank(); d++) {
            int fd = d - (to.rank() - from.rank());
            s[d] = fd < 0 || (from.dim(fd) == 1 && to.dim(d) != 1) ? 0 : own[fd];
        }
        return s;
    }

    /** Drops unit axes and merges neighbours that every array walks contiguously; the output is the last read. */
    private void collapse(int[] outStrides) {
        readStrides.add(outStrides);
        List<Integer> d = new ArrayList<>();
        List<int[]> s = new ArrayList<>();
        for (int a = 0; a < kernel.shape().rank(); a++) {
            if (kernel.shape().dim(a) != 1) {
                d.add(kernel.shape().dim(a));
                int axis = a;
                s.add(readStrides.stream().mapToInt(r -> r[axis]).toArray());
            }
        }
        for (int a = d.size() - 2; a >= 0; a--) {
            int[] outer = s.get(a);
            int[] inner = s.get(a + 1);
            boolean mergeable = true;
            for (int r = 0; r < outer.length; r++) {
                mergeable &= outer[r] == inner[r] * d.get(a + 1);
            }
            if (mergeable) {
                d.set(a + 1, d.get(a) * d.get(a + 1));
                d.remove(a);
                s.remove(a);
            }
        }
        dims = d.stream().mapToInt(Integer::intValue).toArray();
        for (int r = 0; r < readStrides.size(); r++) {
            int[] per = new int[dims.length];
            for (int a = 0; a < dims.length; a++) {
                per[a] = s.get(a)[r];
            }
            readStrides.set(r, per);
        }
    }

    /** One loop per collapsed axis; {@code bases[r]} is the local holding read r's offset so far (-1: zero). */
    private void loops(MethodVisitor mv, int depth, int[] bases) {
        hoist(mv, depth, bases);
        if (depth == dims.length) {
            body(mv, bases);
            return;
        }
        int i = nextLocal++;
        Label cond = new Label();
        Label end = new Label();
        boolean ranged = depth == 0 && from >= 0;
        if (ranged) {
            mv.visitVarInsn(ILOAD, from);
        } else {
            mv.visitInsn(ICONST_0);
        }
        mv.visitVarInsn(ISTORE, i);
        mv.visitLabel(cond);
        mv.visitVarInsn(ILOAD, i);
        if (ranged) {
            mv.visitVarInsn(ILOAD, from + 1);
        } else {
            Bytecode.pushInt(mv, dims[depth]);
        }
        mv.visitJumpInsn(IF_ICMPGE, end);
        int[] inner = bases.clone();
        for (int r = 0; r < bases.length; r++) {
            int stride = readStrides.get(r)[depth];
            if (stride != 0) {
                inner[r] = nextLocal++;
                mv.visitVarInsn(ILOAD, i);
                if (stride != 1) {
                    Bytecode.pushInt(mv, stride);
                    mv.visitInsn(IMUL);
                }
                if (bases[r] >= 0) {
                    mv.visitVarInsn(ILOAD, bases[r]);
                    mv.visitInsn(IADD);
                }
                mv.visitVarInsn(ISTORE, inner[r]);
            }
        }
        loops(mv, depth + 1, inner);
        mv.visitIincInsn(i, 1);
        mv.visitJumpInsn(GOTO, cond);
        mv.visitLabel(end);
    }

    /**
     * Loads, into locals, the reads that no loop from {@code depth} in moves (a scalar, a column broadcast along rows).
     * Read in the loop, such a value is a load C2 must repeat after every store (the arrays may alias), which keeps it
     * from vectorizing the loop; Adam's update, reading its bias corrections from one-element buffers, ran 14x slower.
     */
    private void hoist(MethodVisitor mv, int depth, int[] bases) {
        for (Map.Entry<Integer, Integer> read : readOf.entrySet()) {
            int r = read.getValue();
            boolean invariant = hoisted[r] < 0;
            for (int d = depth; d < dims.length && invariant; d++) {
                invariant = readStrides.get(r)[d] == 0;
            }
            if (invariant) {
                boolean isInt = isInt(read.getKey());
                mv.visitVarInsn(ALOAD, readParam.get(r));
                index(mv, bases[r]);
                mv.visitInsn(isInt ? IALOAD : FALOAD);
                hoisted[r] = nextLocal++;
                mv.visitVarInsn(isInt ? ISTORE : FSTORE, hoisted[r]);
            }
        }
    }

    private void body(MethodVisitor mv, int[] offsets) {
        for (int root : kernel.roots()) {
            value(mv, root, offsets, true);
            int local = nextLocal++;
            mv.visitVarInsn(isInt(root) ? ISTORE : FSTORE, local);
            rootLocal.put(root, local);
        }
        int out = offsets[offsets.length - 1];
        for (int root : kernel.roots()) {
            mv.visitVarInsn(ALOAD, params.indexOf(mem.nodeBuffer()[root]));
            index(mv, out);
            mv.visitVarInsn(isInt(root) ? ILOAD : FLOAD, rootLocal.get(root));
            mv.visitInsn(isInt(root) ? IASTORE : FASTORE);
        }
        rootLocal.clear();
    }

    private boolean isInt(int id) {
        return graph.node(id).dtype() == DType.I32;
    }

    /**
     * Pushes node {@code id}'s value at the current element: a float for f32, an int for i32. Recursion as deep as
     * one root's expression tree, which fusion keeps within {@link FusionPass#MAX_FUSED_NODES} nodes.
     */
    private void value(MethodVisitor mv, int id, int[] offsets, boolean computing) {
        Node n = graph.node(id);
        boolean isInt = n.dtype() == DType.I32;
        if (!computing && rootLocal.containsKey(id)) {
            mv.visitVarInsn(isInt ? ILOAD : FLOAD, rootLocal.get(id));
        } else if (isLiteral(id)) {
            mv.visitLdcInsn(isInt ? (Object) (int) Constants.value(n) : (Object) (float) Constants.value(n));
        } else if (readOf.containsKey(id)) {
            int r = readOf.get(id);
            mv.visitVarInsn(isInt ? ILOAD : FLOAD, hoisted[r]);
        } else if (n.op() == OpCode.BROADCAST) {
            value(mv, n.input(0), offsets, false);
        } else if (!isInt && FloatArithmetic.covers(n.op())) {
            FloatArithmetic.emit(mv, n.op(), in -> value(mv, n.input(in), offsets, false));
        } else {
            viaScalarOps(mv, n, offsets);
        }
    }

    /**
     * Ops without a float instruction call the method {@link ScalarFunctions} gives for the node's dtype: a double
     * method, operands widened and the result rounded once to the dtype, or an f32 method of the op's own, on floats;
     * the attributes' values follow the operands.
     */
    private void viaScalarOps(MethodVisitor mv, Node n, int[] offsets) {
        Method m = ScalarFunctions.method(n.op(), n.dtype());
        boolean onFloats = m.getReturnType() == float.class;
        for (int in : n.inputs()) {
            value(mv, in, offsets, false);
            if (!onFloats) {
                mv.visitInsn(isInt(in) ? I2D : F2D);
            }
        }
        for (double attribute : ScalarFunctions.attributeArguments(n.attrs())) {
            mv.visitLdcInsn(attribute);
        }
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(m.getDeclaringClass()), m.getName(),
                Type.getMethodDescriptor(m), false);
        if (!onFloats) {
            mv.visitInsn(n.dtype() == DType.I32 ? D2I : D2F);
        }
    }

    private static void index(MethodVisitor mv, int offsetLocal) {
        if (offsetLocal < 0) {
            mv.visitInsn(ICONST_0);
        } else {
            mv.visitVarInsn(ILOAD, offsetLocal);
        }
    }
}
