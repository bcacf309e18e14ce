package io.chainrule.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code chainrule} command-line tool. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The tool with its error handling: a usage error is one line and a hint rather than the whole usage (exit 2), a
     * failure one line rather than a stack trace (exit 1).
     */
    static CommandLine commandLine() {
        return new CommandLine(new ChainruleCommand())
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
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
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e);
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}
