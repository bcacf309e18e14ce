package io.chainrule.autodiff;

import java.util.List;
import java.util.Locale;

/** Optimizers by the names the command line knows, and back from the text {@link Optimizer#describe()} writes. */
final class OptimizerNames {
    static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "adamw");

    private OptimizerNames() {
    }

    static Optimizer of(String name, double lr) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "sgd" -> Sgd.of(lr);
            case "momentum" -> Sgd.momentum(lr, 0.9);
            case "nesterov" -> Sgd.nesterov(lr, 0.9);
            case "adam" -> Adam.of(lr);
            case "adamw" -> Adam.adamW(lr);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of "
                    + String.join(", ", NAMES));
        };
    }

    static Optimizer parse(String text) {
        Described d = Described.parse("optimizer", text);
        return switch (d.name()) {
            case "sgd" -> {
                d.expectKeys("lr", "momentum", "dampening", "nesterov", "weight_decay");
                double lr = d.number("lr");
                double momentum = d.number("momentum");
                double dampening = d.number("dampening");
                boolean nesterov = d.flag("nesterov");
                double weightDecay = d.number("weight_decay");
                yield d.made(() -> new Sgd(lr, momentum, dampening, nesterov, weightDecay));
            }
            case "adam", "adamw" -> {
                d.expectKeys("lr", "betas", "eps", "weight_decay");
                double lr = d.number("lr");
                double[] betas = d.pair("betas");
                double eps = d.number("eps");
                double weightDecay = d.number("weight_decay");
                yield d.made(() -> new Adam(lr, betas[0], betas[1], eps, weightDecay, d.name().equals("adamw")));
            }
            default -> throw d.fail("unknown optimizer '" + d.name() + "'; expected sgd, adam or adamw");
        };
    }
}
