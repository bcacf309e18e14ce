package io.chainrule.examples.cli;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.GradientCheck;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.RandomFeeds;
import io.chainrule.runtime.Tensor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "gradcheck", sortOptions = false,
        description = "Check a model's symbolic gradients against float64 central differences on random data.")
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelSelection model;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "40",
            description = "Elements checked per parameter, at least 1 (default: ${DEFAULT-VALUE}; all of a smaller "
                    + "one).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for data, parameters and "
            + "the elements checked (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6",
            description = "Largest relative error that passes, positive (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 1, got " + samples);
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new ParameterException(spec.commandLine(), "--tolerance must be positive and finite, got "
                    + tolerance);
        }
        Graph graph = model.buildSmall(DType.F64, 4);
        if (!graph.outputs().containsKey("loss")) {
            throw new ParameterException(spec.commandLine(), "model " + model.name() + " has no loss to differentiate");
        }
        Map<String, Tensor> feeds = RandomFeeds.inputs(graph, seed);
        feeds.putAll(Parameters.initialize(graph, seed));
        GradientCheck.Result result = GradientCheck.check(graph, "loss", feeds, List.of(), samples, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, batch %d, float64, central differences, %d elements per parameter at most%n",
                graph.name(), graph.inputs().get(0).shape().dim(0), samples);
        result.errors().forEach((name, error) -> out.printf(Locale.ROOT, "  %-24s %.3e%n", name, error));
        boolean pass = result.max() <= tolerance;
        out.printf(Locale.ROOT, "%s: max relative error %.3e %s tolerance %.3e%n", pass ? "PASS" : "FAIL",
                result.max(), pass ? "<=" : ">", tolerance);
        out.flush();
        return pass ? 0 : 1;
    }
}
