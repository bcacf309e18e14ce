package io.chainrule.examples.cli;

import io.chainrule.examples.sim.StaticExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule sim export DIR}: the simulations as static pages that open from disk. */
@Command(name = "sim", description = "The lesson's simulations as files.", subcommands = SimCommand.Export.class)
final class SimCommand {

    @Command(name = "export", sortOptions = false, description = "Write the simulations as self-contained HTML files "
            + "(script, style and numbers inside; the backprop page replays training runs recorded now, on the "
            + "compiled step) that open from disk with no server, and the kernel plans beside them.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Where the pages go (created if missing).")
        Path dir;

        @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "The datasets the backprop "
                + "page replays (default: all, ${DEFAULT-VALUE}).")
        List<String> datasets = StaticExport.datasets();

        @Option(names = "--activations", split = ",", paramLabel = "NAME", description = "The activations it replays "
                + "them with (default: all, ${DEFAULT-VALUE}).")
        List<String> activations = StaticExport.activations();

        @Override
        public Integer call() throws Exception {
            requireKnown("dataset", datasets, StaticExport.datasets());
            requireKnown("activation", activations, StaticExport.activations());
            long start = System.nanoTime();
            List<Path> files = StaticExport.write(dir, datasets, activations);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d files in %.1f s; open %s%n", files.size(),
                    (System.nanoTime() - start) / 1e9, dir.resolve("index.html").toAbsolutePath());
            return 0;
        }

        /** A usage error (exit 2) before anything is written, for a name not in {@code known}. */
        private void requireKnown(String what, List<String> names, List<String> known) {
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new ParameterException(spec.commandLine(), "unknown " + what + " '" + name + "': expected "
                            + String.join(", ", known));
                }
            }
        }
    }
}
