package io.chainrule.examples.cli;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.BackwardStyle;
import io.chainrule.autodiff.SideBySidePrinter;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.codegen.CompiledBackend;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dump", sortOptions = false, description = "Print a model's graph as text IR or as Graphviz DOT.")
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

        @Option(names = "--dot", description = "Graphviz DOT (render with: dot -Tsvg <model>.dot -o <model>.svg); "
                + "backward nodes in rose, updates in lavender.")
        boolean dot;

        @Option(names = "--side-by-side", description = "Forward and backward side by side (implies --train).")
        boolean sideBySide;

        @Option(names = "--bytecode", description = "Compile the training step (the forward graph for models "
                + "without a loss) and write into --out DIR its .class, ASM listing, kernel plan and graph.")
        boolean bytecode;
    }

    @Option(names = "--train", description = "The training step (forward, backward and Adam's update, simplified) "
            + "instead of the forward graph.")
    boolean train;

    @Override
    public Integer call() throws IOException {
        Graph forward = model.build(DType.F32);
        if (format.bytecode) {
            return bytecode(forward);
        }
        Graph graph = train || format.sideBySide ? trainingGraph(forward) : forward;
        String dump = format.dot ? DotPrinter.print(graph, BackwardStyle::of)
                : format.sideBySide ? SideBySidePrinter.print(graph) : TextPrinter.print(graph);
        PrintWriter out = spec.commandLine().getOut();
        if (outDir == null) {
            out.print(dump);
        } else {
            Files.createDirectories(outDir);
            String suffix = (graph == forward ? "" : "-train") + (format.dot ? ".dot" : ".txt");
            Path file = Files.writeString(outDir.resolve(model.fileStem() + suffix), dump);
            out.println("wrote " + file);
        }
        out.flush();
        return 0;
    }

    private int bytecode(Graph forward) {
        if (outDir == null) {
            throw new ParameterException(spec.commandLine(), "--bytecode writes files: give --out DIR");
        }
        Graph graph = forward.outputs().containsKey("loss") ? trainingGraph(forward) : forward;
        Path stem = CompiledBackend.dump(graph, outDir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + stem + ".{class,asm.txt,plan.txt,graph.txt}");
        out.flush();
        return 0;
    }

    private Graph trainingGraph(Graph forward) {
        if (!forward.outputs().containsKey("loss")) {
            throw new ParameterException(spec.commandLine(), "model " + model.name() + " has no loss to train");
        }
        return TrainingGraph.build(forward, "loss", Adam.defaults());
    }
}
