package io.chainrule.runtime.checkpoint;

/**
 * IEEE half precision (F16) and bfloat16 (BF16) values widened to float, exactly: every value of either format is a
 * float, and a NaN keeps its sign and payload, shifted into the float's mantissa.
 */
final class HalfFloats {
    private static final int F16_EXPONENT_MAX = 0x1f;
    /** Float's exponent bias minus half precision's, 127 - 15. */
    private static final int REBIAS = 112;

    private HalfFloats() {
    }

    static float f16(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & F16_EXPONENT_MAX;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            // zero or subnormal: mantissa 2^-24, exact in float
            float magnitude = Math.scalb((float) mantissa, -24);
            return sign != 0 ? -magnitude : magnitude;
        }
        int floatExponent = exponent == F16_EXPONENT_MAX ? 0xff : exponent + REBIAS;
        return Float.intBitsToFloat(sign | floatExponent << 23 | mantissa << 13);
    }

    static float bf16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
