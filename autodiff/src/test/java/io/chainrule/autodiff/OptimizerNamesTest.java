package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimizers by name, with torch.optim's defaults, and back from their descriptions. */
class OptimizerNamesTest {

    @Test
    void eachNameGivesTorchsDefaults() {
        assertEquals(List.of("sgd", "momentum", "nesterov", "adam", "adamw"), Optimizer.names());
        assertEquals(new Sgd(0.1, 0, 0, false, 0), Optimizer.of("sgd", 0.1));
        assertEquals(new Sgd(0.1, 0.9, 0, false, 0), Optimizer.of("momentum", 0.1));
        assertEquals(new Sgd(0.1, 0.9, 0, true, 0), Optimizer.of("nesterov", 0.1));
        assertEquals(new Adam(0.001, 0.9, 0.999, 1e-8, 0, false), Optimizer.of("adam", 0.001));
        assertEquals(new Adam(0.001, 0.9, 0.999, 1e-8, 0.01, true), Optimizer.of("AdamW", 0.001));
    }

    @Test
    void anUnknownNameIsRefusedListingTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.of("rmsprop", 1));
        assertEquals("unknown optimizer 'rmsprop'; expected one of sgd, momentum, nesterov, adam, adamw",
                e.getMessage());
    }

    @Test
    void parseReadsBackWhatDescribeWrites() {
        for (String name : Optimizer.names()) {
            Optimizer o = Optimizer.of(name, 0.003);
            assertEquals(o, Optimizer.parse(o.describe()), o.describe());
        }
        for (Optimizer o : List.of(new Sgd(0.1, 0.9, 0.3, false, 0.01), new Adam(0.01, 0.8, 0.99, 1e-6, 0.1, false),
                new Adam(1.0 / 3, 0.9, 0.999, 1e-8, 0.05, true), Adam.defaults())) {
            assertEquals(o, Optimizer.parse(o.describe()), o.describe());
        }
    }

    @Test
    void parseTakesTheKeysInAnyOrder() {
        assertEquals(Adam.adamW(0.5), Optimizer.parse("adamw(weight_decay=0.01, eps=1e-8, lr=0.5, betas=(0.9,0.999))"));
    }

    private static void assertRefused(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.parse(text));
        assertEquals("optimizer '" + text + "': " + problem, e.getMessage());
    }

    @Test
    void aDescriptionThatIsWrongIsRefusedSayingWhat() {
        assertRefused("adam", "expected name(key=value, ...)");
        assertRefused("adam(lr=0.1)", "expected adam(lr=..., betas=..., eps=..., weight_decay=...), got keys lr");
        assertRefused("rmsprop(lr=0.1)", "unknown optimizer 'rmsprop'; expected sgd, adam or adamw");
        assertRefused("adam(lr=fast, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)", "lr is 'fast', not a number");
        assertRefused("adam(lr=0.1, betas=0.9, eps=1e-8, weight_decay=0)", "betas is '0.9', not a pair (a, b)");
        assertRefused("adam(lr=0.1, betas=(0.9, 1.0), eps=1e-8, weight_decay=0)", "beta2 must be in [0, 1), got 1.0");
        assertRefused("adam(lr=0.1, lr=0.2, betas=(0.9, 0.99), eps=1e-8, weight_decay=0)", "lr is given twice");
        assertRefused("adam(lr=0.1, betas=(0.9, 0.99, eps=1e-8, weight_decay=0)", "unbalanced parentheses");
        assertRefused("sgd(lr=0.1, momentum=0.9, dampening=0.0, nesterov=yes, weight_decay=0.0)",
                "nesterov is 'yes', not true or false");
        assertRefused("sgd(lr=-0.1, momentum=0.9, dampening=0.0, nesterov=false, weight_decay=0.0)",
                "learning rate must be finite and not negative, got -0.1");
        assertRefused("sgd(lr=0.1, momentum=0.0, dampening=0.0, nesterov=true, weight_decay=0.0)",
                "Nesterov momentum requires a momentum and zero dampening");
        assertRefused("sgd(lr=0.1, 0.9)", "expected key=value, got '0.9'");
    }
}
