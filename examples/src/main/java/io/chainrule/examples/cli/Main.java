package io.chainrule.examples.cli;

import io.chainrule.ir.source.ModelSourceException;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code chainrule} command-line tool. */
public final class Main {
    private Main() {
    }

    /**
     * Runs a command; in a JVM without jdk.incubator.vector, a command that runs matrix products runs in java restarted
     * with it ({@link VectorRestart}), whose exit code this one's becomes.
     */
    public static void main(String[] args) throws InterruptedException {
        OptionalInt restarted = VectorRestart.run(Main.class.getName(), args);
        System.exit(restarted.isPresent() ? restarted.getAsInt() : commandLine().execute(args));
    }

    /**
     * The tool with its error handling: a usage error is one line and a hint rather than the whole usage (exit 2), a
     * failure one line rather than a stack trace (exit 1), an Error such as OutOfMemoryError included; a model
     * source's errors are printed as javac prints its own, every one with its caret, and exit 1 as javac does.
     */
    static CommandLine commandLine() {
        return new CommandLine(new ChainruleCommand())
                .setExecutionStrategy(Main::runCatchingErrors)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
    }

    /** Picocli hands exceptions to the failure handler but lets Errors through; this hands them over too. */
    private static int runCatchingErrors(ParseResult parsed) {
        try {
            return new RunLast().execute(parsed);
        } catch (Error e) {
            List<CommandLine> commands = parsed.asCommandLineList();
            throw new ExecutionException(commands.get(commands.size() - 1), e.toString(), e);
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        Throwable cause = e instanceof ExecutionException && e.getCause() instanceof Error error ? error : e;
        if (cause instanceof ModelSourceException errors) {
            // without the command's name in front, so that editors and scripts read File.java:line:col
            cmd.getErr().println(errors.getMessage());
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(cause));
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String describe(Throwable failure) {
        if (failure instanceof CommandFailure) {
            return failure.getMessage();
        }
        if (failure instanceof OutOfMemoryError) {
            return failure + " (the JVM ran out of memory; a larger -Xmx may help)";
        }
        return failure.toString();
    }
}
