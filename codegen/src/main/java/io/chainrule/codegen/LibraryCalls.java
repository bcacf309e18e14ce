package io.chainrule.codegen;

import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.RETURN;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.ShapeRules;
import io.chainrule.runtime.kernels.ReductionLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the kernels that call the library: matrix products with their epilogue ({@link Products}) and one case per
 * remaining op into the kernel library the interpreter also runs ({@code io.chainrule.runtime.kernels}), with shapes
 * as constant arguments. Shape arrays become static
 * final fields of the generated class, created once.
 */
final class LibraryCalls {
    private static final String LIB = "io/chainrule/runtime/kernels/";
    private static final String REDUCTION = "Lio/chainrule/ir/Attrs$Reduction;";

    private final Graph graph;
    private final MemoryPlan mem;
    private final Kernel kernel;
    private final Function<int[], String> intArrayField;
    private final String owner;
    private final List<Integer> params = new ArrayList<>();
    /** Whether the kernel being written takes a range of outer indices after its buffers. */
    private boolean ranged;

    /**
     * @param intArrayField gives the name of a static final int[] field of {@code owner} holding the values
     */
    LibraryCalls(Graph graph, MemoryPlan mem, Kernel kernel, String owner, Function<int[], String> intArrayField) {
        this.graph = graph;
        this.mem = mem;
        this.kernel = kernel;
        this.owner = owner;
        this.intArrayField = intArrayField;
        if (kernel instanceof Kernel.MatMul k) {
            Node mm = graph.node(k.matmul());
            param(mm.input(0));
            param(mm.input(1));
            if (k.bias() != Kernel.MatMul.NONE) {
                param(k.bias());
            }
            param(k.result());
        } else {
            Node n = graph.node(((Kernel.Call) kernel).node());
            n.inputs().forEach(this::param);
            param(n.id());
        }
    }

    List<Integer> params() {
        return params;
    }

    /** Matrix products also take the step's {@link io.chainrule.codegen.kernels.GemmScratch}, after the buffers. */
    boolean takesScratch() {
        return kernel instanceof Kernel.MatMul;
    }

    /**
     * How a compiled step may split this kernel between threads: softmax and log-softmax by their lanes' outer indices
     * (each lane's arithmetic does not depend on who computes it), with exp twice an element counted as two calls;
     * every other call runs whole.
     */
    LoopSplit split() {
        if (kernel instanceof Kernel.Call c && isSoftmax(graph.node(c.node()))) {
            Node n = graph.node(c.node());
            ReductionLayout l = lanes(n, graph.node(n.input(0)).shape());
            return LoopSplit.of(l.outer(), l.n() * l.inner(), 2L * FusedLoopEmitter.CALL_WORK * n.shape().size());
        }
        return LoopSplit.NONE;
    }

    private static boolean isSoftmax(Node n) {
        return n.op() == OpCode.SOFTMAX || n.op() == OpCode.LOG_SOFTMAX;
    }

    /** Writes the method's body; a {@code ranged} one (see {@link #split}) takes from and to after its buffers. */
    void emit(MethodVisitor mv, boolean ranged) {
        this.ranged = ranged;
        if (kernel instanceof Kernel.MatMul k) {
            matmul(mv, k);
        } else {
            call(mv, graph.node(((Kernel.Call) kernel).node()));
        }
        mv.visitInsn(RETURN);
    }

    private void param(int node) {
        int buffer = mem.nodeBuffer()[node];
        if (!params.contains(buffer)) {
            params.add(buffer);
        }
    }

    private void load(MethodVisitor mv, int node) {
        mv.visitVarInsn(ALOAD, params.indexOf(mem.nodeBuffer()[node]));
    }

    private void matmul(MethodVisitor mv, Kernel.MatMul k) {
        Node mm = graph.node(k.matmul());
        Attrs.MatMul t = mm.attrs(Attrs.MatMul.class);
        Shape a = graph.node(mm.input(0)).shape();
        load(mv, mm.input(0));
        load(mv, mm.input(1));
        load(mv, k.result());
        Bytecode.pushInt(mv, mm.shape().dim(0));
        Bytecode.pushInt(mv, mm.shape().dim(1));
        Bytecode.pushInt(mv, t.transposeA() ? a.dim(0) : a.dim(1));
        int flags = (t.transposeA() ? Products.TRANSPOSE_A : 0) | (t.transposeB() ? Products.TRANSPOSE_B : 0)
                | (k.relu() != Kernel.MatMul.NONE ? Products.RELU : 0);
        Bytecode.pushInt(mv, flags);
        if (k.bias() != Kernel.MatMul.NONE) {
            load(mv, k.bias());
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        mv.visitVarInsn(ALOAD, params.size());
        mv.visitMethodInsn(INVOKESTATIC, "io/chainrule/codegen/Products", "matmul",
                "([F[F[FIIII[F" + StepEmitter.SCRATCH + ")V", false);
    }

    /**
     * The library call for one node: the codegen column of the per-op tables, for the ops that are not fused. A switch
     * expression over every op, so that an op added without its case here fails the build.
     */
    private void call(MethodVisitor mv, Node n) {
        Shape x = graph.node(n.input(0)).shape();
        Consumer<MethodVisitor> emit = switch (n.op()) {
            case SUM, MEAN, MAX -> m -> reduce(m, n, x);
            case ARGMAX -> m -> lanes(m, n, x, n.attrs(Attrs.ArgMax.class).axis(), "ArgMax", "argmax", "([F[IIII)V");
            case SOFTMAX, LOG_SOFTMAX -> m -> softmax(m, n, x);
            case ONE_HOT -> m -> invoke(m, n, "Labels", "oneHot", "([I[FII)V", x.size(),
                    n.attrs(Attrs.OneHot.class).classes());
            case GATHER -> m -> invoke(m, n, "Labels", "gather", "([F[I[FII)V", x.dim(0), x.dim(1));
            case CROSS_ENTROPY -> m -> loss(m, n, "crossEntropy", "([F[I[FII" + REDUCTION + ")V", x.dim(0), x.dim(1));
            case NLL_LOSS -> m -> loss(m, n, "nllLoss", "([F[I[FII" + REDUCTION + ")V", x.dim(0), x.dim(1));
            case MSE_LOSS -> m -> loss(m, n, "mseLoss", "([F[F[FI" + REDUCTION + ")V", x.size());
            case BCE_LOSS -> m -> loss(m, n, "bceLoss", "([F[F[FI" + REDUCTION + ")V", x.size());
            case TRANSPOSE -> m -> transpose(m, n, x);
            // fed, literal, alias and fused elementwise ops (LoweringRules.of); products are emitted by matmul
            case INPUT, PARAMETER, STATE, CONSTANT, RESHAPE, NEG, ABS, EXP, LOG, LOG1P, SQRT, SQUARE, RECIPROCAL, TANH,
                    SIGMOID, RELU, LEAKY_RELU, GELU, ERF, STEP, ADD, SUB, MUL, DIV, MAXIMUM, EQUAL, NOT_EQUAL, LESS,
                    LESS_EQUAL, GREATER, GREATER_EQUAL, WHERE, BROADCAST, MATMUL ->
                    throw new IllegalStateException(n.op().text() + " is not a library call");
        };
        emit.accept(mv);
    }

    private void transpose(MethodVisitor mv, Node n, Shape x) {
        String array = n.dtype() == DType.I32 ? "[I" : "[F";
        loadOperands(mv, n);
        intArray(mv, x.dims());
        intArray(mv, n.attrs(Attrs.Permute.class).perm().stream().mapToInt(Integer::intValue).toArray());
        mv.visitMethodInsn(INVOKESTATIC, LIB + "Layout", "transpose", "(" + array + array + "[I[I)V", false);
    }

    /** A loss kernel: the operands, the sizes, then the reduction as its enum constant. */
    private void loss(MethodVisitor mv, Node n, String method, String desc, int... sizes) {
        loadOperands(mv, n);
        for (int v : sizes) {
            Bytecode.pushInt(mv, v);
        }
        mv.visitFieldInsn(GETSTATIC, "io/chainrule/ir/Attrs$Reduction", n.attrs(Attrs.Loss.class).reduction().name(),
                REDUCTION);
        mv.visitMethodInsn(INVOKESTATIC, LIB + "Losses", method, desc, false);
    }

    /** The kernel {@link ReductionLayout} chooses, as the interpreter calls it. */
    private void reduce(MethodVisitor mv, Node n, Shape x) {
        ReductionLayout l = new ReductionLayout(x.dims(), ShapeRules.reduceAxes(x, n.attrs(Attrs.Reduce.class).axes()));
        String op = n.op().text();
        if (l.contiguous()) {
            invoke(mv, n, "Reduce", op, "([F[FIII)V", l.outer(), l.n(), l.inner());
            return;
        }
        loadOperands(mv, n);
        intArray(mv, l.inDims());
        intArray(mv, l.outStrides());
        if (n.op() == OpCode.MEAN) {
            Bytecode.pushInt(mv, l.count());
            mv.visitMethodInsn(INVOKESTATIC, LIB + "Reduce", "meanStrided", "([F[F[I[II)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, LIB + "Reduce", op + "Strided", "([F[F[I[I)V", false);
        }
    }

    private void lanes(MethodVisitor mv, Node n, Shape x, int axis, String cls, String method, String desc) {
        ReductionLayout l = new ReductionLayout(x.dims(), new int[] {x.axis(axis)});
        invoke(mv, n, cls, method, desc, l.outer(), l.n(), l.inner());
    }

    private static ReductionLayout lanes(Node softmax, Shape x) {
        return new ReductionLayout(x.dims(), new int[] {x.axis(softmax.attrs(Attrs.Axis.class).axis())});
    }

    /** Over the outer indices [from, to) of a ranged kernel, else all of them. */
    private void softmax(MethodVisitor mv, Node n, Shape x) {
        ReductionLayout l = lanes(n, x);
        loadOperands(mv, n);
        if (ranged) {
            mv.visitVarInsn(ILOAD, params.size());
            mv.visitVarInsn(ILOAD, params.size() + 1);
        } else {
            Bytecode.pushInt(mv, 0);
            Bytecode.pushInt(mv, l.outer());
        }
        Bytecode.pushInt(mv, l.n());
        Bytecode.pushInt(mv, l.inner());
        mv.visitMethodInsn(INVOKESTATIC, LIB + "Softmax", n.op() == OpCode.SOFTMAX ? "softmax" : "logSoftmax",
                "([F[FIIII)V", false);
    }

    private void invoke(MethodVisitor mv, Node n, String cls, String method, String desc, int... ints) {
        loadOperands(mv, n);
        for (int v : ints) {
            Bytecode.pushInt(mv, v);
        }
        mv.visitMethodInsn(INVOKESTATIC, LIB + cls, method, desc, false);
    }

    /** The inputs in order, then the output. */
    private void loadOperands(MethodVisitor mv, Node n) {
        n.inputs().forEach(in -> load(mv, in));
        load(mv, n.id());
    }

    private void intArray(MethodVisitor mv, int[] values) {
        mv.visitFieldInsn(GETSTATIC, owner, intArrayField.apply(values), "[I");
    }
}
