package io.chainrule.ir.scalar;

import io.chainrule.ir.OpCode;

/**
 * Float32 functions that both backends use for f32 values, where the double library function would cost a call per
 * element that C2 cannot vectorize (Math.tanh takes about 20 ns on JDK 17). Accuracy is stated per function; f64
 * values keep the double library functions, so gradient checks in f64 are unaffected.
 */
public final class FloatMath {
    /** The smallest float at which the rational below reaches 1.0f; it stays under 1 before it. */
    private static final float TANH_CLAMP = 7.9571004f;

    private FloatMath() {
    }

    /**
     * tanh as x * P(x^2) / Q(x^2) with P and Q of degrees 6 and 3 and leading terms 1 (a minimax fit of the relative
     * error on [0, 9]), x clamped where the rational reaches 1. Within 6 ulps of the correctly rounded tanh for every
     * float (the worst near |x| = 6.09); exactly x for tiny and subnormal x, exactly +-1 from |x| = 7.96 on; odd, so
     * -0 stays -0; NaN stays NaN. No branch or select, so a loop over it vectorizes (a select kept C2 on JDK 17 and
     * 25 from vectorizing the loop, 12x slower).
     */
    @Computes(OpCode.TANH)
    public static float tanh(float x) {
        float xc = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        float x2 = xc * xc;
        float p = x2 * -8.5382772464622782e-14f + 5.3527583838058835e-11f;
        p = x2 * p + -2.0480713467859559e-08f;
        p = x2 * p + 1.1235290343815293e-05f;
        p = x2 * p + 0.0031126169414529702f;
        p = x2 * p + 0.13092003206090408f;
        p = xc + xc * (x2 * p);
        float q = x2 * 0.00025582330877105665f + 0.024530437906810525f;
        q = x2 * q + 0.46425334794792333f;
        q = x2 * q + 1f;
        return p / q;
    }
}
