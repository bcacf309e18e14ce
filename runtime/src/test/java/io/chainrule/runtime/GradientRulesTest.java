package io.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.OpCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op's vector-Jacobian rule against float64 central differences, on random shapes and values. */
class GradientRulesTest {
    private static final long[] SEEDS = {1, 2, 3};
    /** Normwise relative error (see {@link GradientCheck}); these cases agree to 1e-8 or better in f64. */
    private static final double TOLERANCE = 1e-6;

    static Stream<OpCode> differentiableOps() {
        return Arrays.stream(OpCode.values()).filter(op -> !isExcluded(op));
    }

    private static boolean isExcluded(OpCode op) {
        return GradientCases.SOURCES.contains(op) || GradientCases.WITHOUT_GRADIENT.contains(op)
                || GradientCases.INTEGER_OPERAND_ONLY.contains(op);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiableOps")
    void gradientRuleMatchesCentralDifferences(OpCode op) {
        for (long seed : SEEDS) {
            for (GradientCase c : GradientCases.of(op, seed)) {
                GradientCheck.Result r = c.check();
                assertTrue(r.max() < TOLERANCE, () -> c.describe() + ", seed " + seed + ": relative errors "
                        + r.errors() + " above " + TOLERANCE);
            }
        }
    }

    @Test
    void everyOpHasGradientCasesOrIsListedAsHavingNone() {
        for (OpCode op : OpCode.values()) {
            List<GradientCase> cases = GradientCases.of(op, SEEDS[0]);
            if (isExcluded(op)) {
                assertTrue(cases.isEmpty(), op + " is listed as having no gradient, yet has gradient cases");
            } else {
                assertFalse(cases.isEmpty(), op + " has no gradient cases: add a builder to GradientCases, or list "
                        + "it there as a source, as without a gradient, or as taking only integer operands");
                cases.forEach(c -> assertEquals(op, c.tested().op(), () -> "a case for " + op + " tests "
                        + c.describe()));
            }
        }
    }
}
