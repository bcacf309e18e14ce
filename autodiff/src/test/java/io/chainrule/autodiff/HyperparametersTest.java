package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The optimizers refuse the hyperparameters torch.optim refuses, naming the one that is wrong. */
class HyperparametersTest {

    private static void assertRefused(Executable make, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
    }

    @Test
    void sgdRefusesANegativeMomentumOrWeightDecay() {
        assertRefused(() -> new Sgd(0.1, -0.9, 0, false, 0), "momentum must be finite and not negative, got -0.9");
        assertRefused(() -> new Sgd(0.1, 0, 0, false, Double.NaN),
                "weight decay must be finite and not negative, got NaN");
    }

    @Test
    void adamRefusesBetasOutsideZeroToOneANegativeEpsOrWeightDecay() {
        assertRefused(() -> new Adam(0.1, 1, 0.999, 1e-8, 0, false), "beta1 must be in [0, 1), got 1.0");
        assertRefused(() -> new Adam(0.1, 0.9, -0.1, 1e-8, 0, false), "beta2 must be in [0, 1), got -0.1");
        assertRefused(() -> new Adam(0.1, 0.9, 0.999, -1e-8, 0, false),
                "eps must be finite and not negative, got -1.0E-8");
        assertRefused(() -> new Adam(0.1, 0.9, 0.999, 1e-8, -0.01, true),
                "weight decay must be finite and not negative, got -0.01");
    }
}
