package io.chainrule.autodiff;

/** The checks torch.optim makes of the optimizers' hyperparameters, with messages naming the one that is wrong. */
final class Hyperparameters {
    private Hyperparameters() {
    }

    static void checkNonNegative(String name, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and not negative, got " + value);
        }
    }

    static void checkBeta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
        }
    }
}
