package io.chainrule.examples.cli;

import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "models", description = "List the built-in models with their parameter counts.")
final class ModelsCommand implements Runnable {
    private static final String ROW = "%-13s %10s  %s%n";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, ROW, "MODEL", "PARAMETERS", "DESCRIPTION");
        for (ModelSpec m : Models.all()) {
            out.printf(Locale.ROOT, ROW, m.name(), String.format(Locale.ROOT, "%,d", m.parameterCount()),
                    m.description());
        }
        out.flush();
    }
}
