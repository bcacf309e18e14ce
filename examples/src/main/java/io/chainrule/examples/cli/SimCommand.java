package io.chainrule.examples.cli;

import io.chainrule.examples.sim.StaticExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code chainrule sim export DIR}: the simulations as static pages that open from disk. */
@Command(name = "sim", description = "The lesson's simulations as files.", subcommands = SimCommand.Export.class)
final class SimCommand {

    @Command(name = "export", description = "Write the simulations as self-contained HTML files (script, style and "
            + "numbers inside; the backprop page replays training runs recorded now) that open from disk with no "
            + "server.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Where the pages go (created if missing).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            List<Path> files = StaticExport.write(dir);
            System.out.printf(java.util.Locale.ROOT, "wrote %d files in %.1f s: open %s%n", files.size(),
                    (System.nanoTime() - start) / 1e9, dir.resolve("index.html").toAbsolutePath());
            return 0;
        }
    }
}
