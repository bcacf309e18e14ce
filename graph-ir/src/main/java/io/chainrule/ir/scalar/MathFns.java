package io.chainrule.ir.scalar;

/**
 * Scalar functions in double precision that Java's Math lacks, shared by the interpreter and generated code so that
 * both compute the same numbers.
 */
final class MathFns {
    private static final double ERF_SMALL = 0.46875;
    private static final double ERFC_UNDERFLOW = 26.543;
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;
    private static final double SQRT_HALF = 0.70710678118654752440;

    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969), as in Netlib's
    // SPECFUN calerf: erf on [0, 0.46875]; erfc * exp(x^2) on [0.46875, 4] and in 1/x^2 beyond.
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private MathFns() {
    }

    /** The error function, to about 1e-16 relative (Cody's approximations). */
    static double erf(double x) {
        double y = Math.abs(x);
        if (Double.isNaN(x) || y <= ERF_SMALL) {
            return erfSmall(x);
        }
        double r = 1 - erfcLarge(y);
        return x < 0 ? -r : r;
    }

    /** The complementary error function 1 - erf(x), accurate also where it is tiny (large x). */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (Double.isNaN(x) || y <= ERF_SMALL) {
            return 1 - erfSmall(x);
        }
        double r = erfcLarge(y);
        return x < 0 ? 2 - r : r;
    }

    private static double erfSmall(double x) {
        double ysq = x * x;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y > 0.46875. */
    private static double erfcLarge(double y) {
        double r;
        if (y <= 4) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            r = (num + C[7]) / (den + D[7]);
        } else if (y < ERFC_UNDERFLOW) {
            double ysq = 1 / (y * y);
            double num = P[5] * ysq;
            double den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            r = (ONE_OVER_SQRT_PI - ysq * (num + P[4]) / (den + Q[4])) / y;
        } else {
            return 0;
        }
        return expMinusSquare(y) * r;
    }

    /** exp(-y^2), with y^2 split into an exact part and a small remainder to keep full precision (as Cody does). */
    private static double expMinusSquare(double y) {
        double head = Math.floor(y * 16) / 16;
        double del = (y - head) * (y + head);
        return Math.exp(-head * head) * Math.exp(-del);
    }

    /** The logistic function 1 / (1 + exp(-x)), without overflow for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * Exact GELU: x * Phi(x). PyTorch writes 0.5 x (1 + erf(x / sqrt 2)); 0.5 x erfc(-x / sqrt 2) is the same function
     * without the cancellation in 1 + erf for negative x.
     */
    static double gelu(double x) {
        return 0.5 * x * erfc(-x * SQRT_HALF);
    }
}
