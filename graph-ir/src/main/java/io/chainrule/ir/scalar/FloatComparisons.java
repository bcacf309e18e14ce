package io.chainrule.ir.scalar;

import io.chainrule.ir.OpCode;

/**
 * The f32 comparisons (and step): 1 or 0 exactly as {@link ScalarOps} gives them
 * (comparing two floats is comparing them widened to double; NaN compares false, -0 equals +0), computed without a
 * branch. C2 turns {@code a > b ? 1.0 : 0.0} into a conditional move of doubles, which x86 has only
 * as a jump around a move; on ReLU's gradient mask, {@code dy * (y > 0)}, shuffled real data mispredicts that jump
 * about as often as a coin: the MNIST MLP's two mask kernels took 12% of a training step on shuffled batches against
 * 3% on one batch repeated, which made the training loop's step 15% slower than {@code bench}'s.
 *
 * <p>{@link #greater} and {@link #step} are the masks' hot path, kept to operations C2 can vectorize in a loop: on
 * JDK 25 float arithmetic and a float-to-int cast (5 times the speed of the comparison on raw bits over a mask kernel
 * of 12,000 elements), on JDK 17, which compiles that cast through a slow fix-up for NaN, five integer operations on
 * the bits (twice the speed).
 */
public final class FloatComparisons {
    /** Whether C2 vectorizes float-to-int casts in loops: JDK 25 does, JDK 17 does not. */
    private static final boolean CAST_VECTORIZES = Runtime.version().feature() >= 25;

    private FloatComparisons() {
    }

    /**
     * a - b > 0: the difference of two different finite floats is never 0 (gradual underflow) and keeps the sign of
     * theirs, infinity minus infinity and anything with NaN are NaN.
     */
    @Computes(OpCode.GREATER)
    public static float greater(float a, float b) {
        return step(a - b);
    }

    @Computes(OpCode.GREATER_EQUAL)
    public static float greaterEqual(float a, float b) {
        int x = Float.floatToRawIntBits(a);
        int y = Float.floatToRawIntBits(b);
        return (1 ^ above(key(y), key(x))) & ordered(x, y);
    }

    @Computes(OpCode.LESS)
    public static float less(float a, float b) {
        return greater(b, a);
    }

    @Computes(OpCode.LESS_EQUAL)
    public static float lessEqual(float a, float b) {
        return greaterEqual(b, a);
    }

    @Computes(OpCode.EQUAL)
    public static float equal(float a, float b) {
        int x = Float.floatToRawIntBits(a);
        int y = Float.floatToRawIntBits(b);
        int d = key(x) ^ key(y);
        return (1 ^ ((d | -d) >>> 31)) & ordered(x, y);
    }

    @Computes(OpCode.NOT_EQUAL)
    public static float notEqual(float a, float b) {
        return 1 - equal(a, b);
    }

    @Computes(OpCode.STEP)
    public static float step(float x) {
        return CAST_VECTORIZES ? stepByCast(x) : stepByBits(x);
    }

    /** x * 2^252 >= 2^103 for any x > 0, so min(., 1) is 1; max(., 0) takes the rest to 0, the cast NaN to 0. */
    static float stepByCast(float x) {
        return (float) (int) Math.max(Math.min(x * 0x1p126f * 0x1p126f, 1f), 0f);
    }

    /** x > 0 and not NaN: its bits, an int in [1, 0x7F800000], where -bits and bits - 0x7F800001 are both negative. */
    static float stepByBits(float x) {
        int bits = Float.floatToRawIntBits(x);
        return ((-bits) & (bits - 0x7F800001)) >>> 31;
    }

    /** The bits as a signed magnitude, which orders floats as ints do, with -0 and +0 both 0. */
    private static int key(int bits) {
        int sign = bits >> 31;
        return ((bits & 0x7FFFFFFF) ^ sign) - sign;
    }

    /** 1 when {@code p > q}: the sign of {@code q - p}, taken in long, where it cannot overflow. */
    private static int above(int p, int q) {
        return (int) (((long) q - p) >>> 63);
    }

    /** 1 when neither is NaN (a magnitude above infinity's). */
    private static int ordered(int x, int y) {
        int nan = ((0x7F800000 - (x & 0x7FFFFFFF)) | (0x7F800000 - (y & 0x7FFFFFFF))) >>> 31;
        return 1 ^ nan;
    }
}
