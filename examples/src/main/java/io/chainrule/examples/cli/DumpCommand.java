package io.chainrule.examples.cli;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.text.DotPrinter;
import io.chainrule.ir.text.TextPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dump", sortOptions = false, description = "Print a built-in model's graph as text IR or as Graphviz DOT.")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSelection model;

    @ArgGroup(multiplicity = "1")
    Format format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write <model>.txt or <model>.dot into DIR, creating it, instead of printing.")
    Path outDir;

    static final class Format {
        @Option(names = "--text", description = "The text IR.")
        boolean text;

        @Option(names = "--dot", description = "Graphviz DOT (render with: dot -Tsvg <model>.dot -o <model>.svg).")
        boolean dot;
    }

    @Override
    public Integer call() throws IOException {
        Graph graph = model.build(DType.F32);
        String dump = format.dot ? DotPrinter.print(graph) : TextPrinter.print(graph);
        PrintWriter out = spec.commandLine().getOut();
        if (outDir == null) {
            out.print(dump);
        } else {
            Files.createDirectories(outDir);
            Path file = Files.writeString(outDir.resolve(model.name() + (format.dot ? ".dot" : ".txt")), dump);
            out.println("wrote " + file);
        }
        out.flush();
        return 0;
    }
}
