package io.chainrule.ir.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatMathTest {

    @Test
    void tanhIsWithinSixUlpsOfTheCorrectlyRoundedValue() {
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            float exact = (float) Math.tanh(x);
            float got = FloatMath.tanh(x);
            assertTrue(Math.abs(got - exact) <= 6 * Math.ulp(exact), "tanh(" + x + ") = " + got + ", not " + exact);
            assertEquals(-got, FloatMath.tanh(-x), "odd at " + x);
        }
    }

    @Test
    void tanhIsExactWhereTanhRoundsToXOrToOne() {
        for (float x : new float[] {Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, 1e-20f, 1e-5f, 3e-4f}) {
            assertEquals(x, FloatMath.tanh(x));
            assertEquals(-x, FloatMath.tanh(-x));
        }
        for (float x = 7.9571004f; x < 100f; x = x * 1.001f) {
            assertEquals(1f, FloatMath.tanh(x));
        }
        for (float x = 0; x < 7.9571004f; x = Math.nextUp(Math.nextUp(Math.nextUp(x + 1e-4f)))) {
            assertTrue(FloatMath.tanh(x) <= 1f, "tanh(" + x + ") = " + FloatMath.tanh(x));
        }
    }

    @Test
    void tanhKeepsSpecialValues() {
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
        assertEquals(1f, FloatMath.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FloatMath.tanh(-1000f));
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(FloatMath.tanh(-0.0f)));
        assertEquals(1e-5f, FloatMath.tanh(1e-5f));
        assertTrue(FloatMath.tanh(20f) <= 1f && FloatMath.tanh(-20f) >= -1f);
    }
}
