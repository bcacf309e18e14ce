package io.chainrule.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the {@code chainrule} tool as a user types it, with what it printed: train prints to the process's
 * standard output (its progress bar takes a stream), the other commands to the command line's writer; both are
 * captured into {@link #out}.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(List.of(args));
    }

    static CliRun of(List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream original = System.out;
        int exitCode;
        try (PrintStream captured = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            CommandLine cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(captured, true));
            cmd.setErr(new PrintWriter(err, true));
            exitCode = cmd.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        return new CliRun(exitCode, bytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** The value of the output line {@code name: value}, e.g. {@code value("validation accuracy")}. */
    String value(String name) {
        return out.lines().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no line '" + name + ": ' in:\n" + out
                        + err));
    }

    /** The error output's first line. */
    String firstErrorLine() {
        return err.lines().findFirst().orElse("");
    }

    /** For assertion messages. */
    String both() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
