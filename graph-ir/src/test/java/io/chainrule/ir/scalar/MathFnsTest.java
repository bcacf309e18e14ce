package io.chainrule.ir.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values computed to 40 digits with mpmath and rounded to double. */
class MathFnsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0.0, 1.0",
        "1e-10, 1.1283791670955126e-10, 0.999999999887162",
        "0.1, 0.1124629160182849, 0.8875370839817152",
        "-0.3, -0.32862675945912745, 1.3286267594591274",
        "0.46875, 0.49261347321793797, 0.507386526782062",
        "0.5, 0.5204998778130465, 0.4795001221869535",
        "1, 0.8427007929497149, 0.15729920705028513",
        "-2, -0.9953222650189527, 1.9953222650189528",
        "3, 0.9999779095030014, 2.209049699858544e-05",
        "4, 0.9999999845827421, 1.541725790028002e-08",
        "4.5, 0.9999999998033839, 1.9661604415428876e-10",
        "-5, -0.9999999999984626, 1.9999999999984626",
        "6, 1.0, 2.1519736712498913e-17",
    })
    void erfAndErfcMatchReferenceValues(double x, double erf, double erfc) {
        assertEquals(erf, MathFns.erf(x), 1e-15 * Math.max(1, Math.abs(erf)), "erf(" + x + ")");
        assertEquals(erfc, MathFns.erfc(x), 2e-15 * Math.abs(erfc), "erfc(" + x + ")");
    }

    @Test
    void erfcKeepsRelativePrecisionDeepInTheTail() {
        assertEquals(2.088487583762545e-45, MathFns.erfc(10), 1e-14 * 2.088487583762545e-45);
        assertEquals(5.663192408856143e-296, MathFns.erfc(26), 1e-13 * 5.663192408856143e-296);
        assertEquals(0.0, MathFns.erfc(27));
    }

    @Test
    void erfLimitsAndNaN() {
        assertEquals(1.0, MathFns.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, MathFns.erf(Double.NEGATIVE_INFINITY));
        assertEquals(2.0, MathFns.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(Double.NaN, MathFns.erf(Double.NaN));
        assertEquals(Double.NaN, MathFns.erfc(Double.NaN));
    }

    @ParameterizedTest
    @CsvSource({
        "1, 0.8413447460685429",
        "-1, -0.15865525393145705",
        "0.5, 0.34573123063700656",
        "2, 1.9544997361036416",
        "-3, -0.0040496940948902835",
        "-10, -7.619853024160526e-23",
    })
    void geluIsXTimesTheNormalCdf(double x, double expected) {
        // Relative error grows with |x| in the tail: rounding x / sqrt(2) alone moves erfc by about 2 x^2 ulps.
        assertEquals(expected, MathFns.gelu(x), 1e-14 * Math.abs(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "-40, 4.248354255291589e-18",
        "-2, 0.11920292202211756",
        "-0.5, 0.37754066879814546",
        "0, 0.5",
        "1, 0.7310585786300049",
        "3, 0.9525741268224333",
    })
    void sigmoid(double x, double sigmoid) {
        assertEquals(sigmoid, MathFns.sigmoid(x), 2e-16 * sigmoid);
    }

    @Test
    void sigmoidSaturatesWithoutOverflow() {
        assertEquals(0.0, MathFns.sigmoid(-1000));
        assertEquals(1.0, MathFns.sigmoid(1000));
    }
}
