package io.chainrule.ir.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** The branch-free comparisons give the interpreter's 1 or 0 for any two floats, NaN and signed zeros included. */
class FloatComparisonsTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            -Float.MIN_NORMAL, 1f, -1f, 1.0000001f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7FFFFFFF), Float.intBitsToFloat(0xFF800001),
            Float.intBitsToFloat(0x7F800001)};

    @Test
    void everyComparisonMatchesScalarOpsOnSpecialAndRandomFloats() {
        check("greater", FloatComparisons::greater, ScalarOps::greater);
        check("greaterEqual", FloatComparisons::greaterEqual, ScalarOps::greaterEqual);
        check("less", FloatComparisons::less, ScalarOps::less);
        check("lessEqual", FloatComparisons::lessEqual, ScalarOps::lessEqual);
        check("equal", FloatComparisons::equal, ScalarOps::equal);
        check("notEqual", FloatComparisons::notEqual, ScalarOps::notEqual);
        check("step", (a, b) -> FloatComparisons.step(a), (a, b) -> ScalarOps.step(a));
        // both of step's forms, whichever this JDK runs
        check("stepByCast", (a, b) -> FloatComparisons.stepByCast(a), (a, b) -> ScalarOps.step(a));
        check("stepByBits", (a, b) -> FloatComparisons.stepByBits(a), (a, b) -> ScalarOps.step(a));
    }

    private static void check(String name, BinaryOperator<Float> branchFree, DoubleBinaryOperator reference) {
        for (float a : SPECIAL) {
            for (float b : SPECIAL) {
                same(name, a, b, branchFree, reference);
            }
        }
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 200_000; i++) {
            float a = Float.intBitsToFloat(random.nextInt());
            // half the pairs close together (same sign and exponent), where only the low bits decide
            float b = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt())
                    : Float.intBitsToFloat(Float.floatToRawIntBits(a) + random.nextInt(-3, 4));
            same(name, a, b, branchFree, reference);
            same(name, a, a, branchFree, reference);
        }
    }

    private static void same(String name, float a, float b, BinaryOperator<Float> branchFree,
            DoubleBinaryOperator reference) {
        assertEquals((float) reference.applyAsDouble(a, b), branchFree.apply(a, b), () -> name + "(" + a + " ["
                + Integer.toHexString(Float.floatToRawIntBits(a)) + "], " + b + " ["
                + Integer.toHexString(Float.floatToRawIntBits(b)) + "])");
    }
}
