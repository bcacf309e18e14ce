package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatMathTest {

    @Test
    void tanhIsWithinSevenUlpsOfTheCorrectlyRoundedValue() {
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            float exact = (float) Math.tanh(x);
            float got = FloatMath.tanh(x);
            assertTrue(Math.abs(got - exact) <= 7 * Math.ulp(exact), "tanh(" + x + ") = " + got + ", not " + exact);
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
