package io.chainrule.examples.sim;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as the pages and messages print them: short, and valid JSON (no NaN or infinity). */
final class Numbers {
    private Numbers() {
    }

    /** {@code d} with at most {@code digits} significant digits, without trailing zeros; 0 for a non-finite d. */
    static String text(double d, int digits) {
        if (!Double.isFinite(d)) {
            return "0";
        }
        if (d == 0) {
            return "0";
        }
        return new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros().toString()
                .replace("E+", "e").replace("E", "e");
    }

    /** {@code d} as Java's shortest round-trip text, 4 rather than 4.0. */
    static String text(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
