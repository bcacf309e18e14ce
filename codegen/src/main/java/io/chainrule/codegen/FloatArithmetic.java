package io.chainrule.codegen;

import static org.objectweb.asm.Opcodes.D2F;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.F2D;
import static org.objectweb.asm.Opcodes.FADD;
import static org.objectweb.asm.Opcodes.FCONST_0;
import static org.objectweb.asm.Opcodes.FCONST_1;
import static org.objectweb.asm.Opcodes.FDIV;
import static org.objectweb.asm.Opcodes.FMUL;
import static org.objectweb.asm.Opcodes.FNEG;
import static org.objectweb.asm.Opcodes.FSUB;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;

import io.chainrule.ir.OpCode;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntConsumer;
import org.objectweb.asm.MethodVisitor;

/**
 * The f32 elementwise ops emitted as float instructions. For +, -, *, / and sqrt, the correctly rounded float result
 * equals the double result rounded to float (double carries more than 2 x 24 + 2 bits, so rounding twice cannot
 * differ), which is the interpreter's semantics; negation, abs, max and relu are exact. So these give the same bits
 * as the ScalarOps path, without calls or conversions, in loops C2 can vectorize. (f32 tanh, a float function of its
 * own, comes from {@link io.chainrule.ir.scalar.ScalarFunctions} like every other op's function.)
 */
final class FloatArithmetic {
    private static final Set<OpCode> COVERED = EnumSet.of(OpCode.NEG, OpCode.ADD, OpCode.SUB, OpCode.MUL, OpCode.DIV,
            OpCode.SQUARE, OpCode.RECIPROCAL, OpCode.SQRT, OpCode.ABS, OpCode.MAXIMUM, OpCode.RELU);

    private FloatArithmetic() {
    }

    static boolean covers(OpCode op) {
        return COVERED.contains(op);
    }

    /** Emits {@code op}; {@code operand.accept(i)} pushes input i as a float. */
    static void emit(MethodVisitor mv, OpCode op, IntConsumer operand) {
        switch (op) {
            case NEG -> unary(mv, operand, FNEG);
            case SQUARE -> {
                operand.accept(0);
                mv.visitInsn(DUP);
                mv.visitInsn(FMUL);
            }
            case RECIPROCAL -> {
                mv.visitInsn(FCONST_1);
                operand.accept(0);
                mv.visitInsn(FDIV);
            }
            case SQRT -> {
                operand.accept(0);
                mv.visitInsn(F2D);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
                mv.visitInsn(D2F);
            }
            case ABS -> {
                operand.accept(0);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(F)F", false);
            }
            case RELU -> {
                operand.accept(0);
                mv.visitInsn(FCONST_0);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(FF)F", false);
            }
            case MAXIMUM -> {
                operand.accept(0);
                operand.accept(1);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(FF)F", false);
            }
            case ADD -> binary(mv, operand, FADD);
            case SUB -> binary(mv, operand, FSUB);
            case MUL -> binary(mv, operand, FMUL);
            case DIV -> binary(mv, operand, FDIV);
            default -> throw new IllegalArgumentException(op.text() + " has no float instruction");
        }
    }

    private static void unary(MethodVisitor mv, IntConsumer operand, int insn) {
        operand.accept(0);
        mv.visitInsn(insn);
    }

    private static void binary(MethodVisitor mv, IntConsumer operand, int insn) {
        operand.accept(0);
        operand.accept(1);
        mv.visitInsn(insn);
    }
}
