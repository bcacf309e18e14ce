package io.chainrule.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --hidden W,W,... --activation NAME}: the generic mlp's hidden layers, as a mixin for the commands that build
 * one ({@code train} sizes its ends from the data, {@code bench} puts it on MNIST's), so that both read and refuse the
 * same options alike.
 */
final class MlpShape {
    static final String MLP = "mlp";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--hidden", paramLabel = "W,W,...", description = "mlp: the hidden layers' widths, or none "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "64,32")
    String hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu", description = "mlp: after each "
            + "hidden layer, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GenericMlp.ActivationName activation;

    /** The mlp from {@code inputs} features to {@code outputs}; a usage error when --hidden is not a list of widths. */
    GenericMlp mlp(int inputs, int outputs, boolean flatten) {
        return new GenericMlp(inputs, hiddenWidths(), activation, outputs, flatten);
    }

    /** The widths of --hidden, checked; a usage error naming the option when one is not a positive integer. */
    List<Integer> hiddenWidths() {
        String h = hidden.strip();
        if (h.equals("none") || h.isEmpty()) {
            return List.of();
        }
        List<Integer> widths = new ArrayList<>();
        for (String w : h.split(",", -1)) {
            int width;
            try {
                width = Integer.parseInt(w.strip());
            } catch (NumberFormatException e) {
                width = 0;
            }
            if (width < 1) {
                throw new ParameterException(command.commandLine(), "--hidden takes the hidden layers' widths, such "
                        + "as 64,32, or none; got '" + hidden + "'");
            }
            widths.add(width);
        }
        return widths;
    }

    /** The first of --hidden and --activation given on the command line, or null: another model refuses them. */
    String givenOption() {
        var parsed = command.commandLine().getParseResult();
        return parsed.hasMatchedOption("--hidden") ? "--hidden"
                : parsed.hasMatchedOption("--activation") ? "--activation" : null;
    }
}
