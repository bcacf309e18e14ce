package io.chainrule.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/** The top command; each subcommand is a class of its own, registered here. */
@Command(name = "chainrule", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = ChainruleCommand.Version.class,
        description = "A symbolic computation-graph compiler for neural networks on the JVM.",
        subcommands = {ModelsCommand.class, DumpCommand.class, GradcheckCommand.class, BenchCommand.class,
                TrainCommand.class, EvalCommand.class, PredictCommand.class, LessonCommand.class,
                ServeCommand.class, SimCommand.class, SweepCommand.class, DownloadCommand.class,
                HelpCommand.class})
final class ChainruleCommand {

    /**
     * The project version, which Maven writes into {@code version.txt} when it copies the resources, then the Java
     * runtime and where the matrix products run.
     */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = ChainruleCommand.class.getResourceAsStream("version.txt")) {
                return new String[] {"chainrule " + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(),
                    RuntimeReport.java(), RuntimeReport.products()};
            }
        }
    }
}
