package io.chainrule.examples.cli;

import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.CsvFormatException;
import io.chainrule.runtime.data.Dataset;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --csv FILE [--target COLUMN] [--no-header] [--delimiter C]}: a CSV file of examples, as a mixin for the
 * commands that read one. A file that cannot be read is one line naming it: the CSV reader's
 * {@code file:line:column: problem}, or the file and why it cannot be opened.
 */
final class CsvSource {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file of examples: numbers, one row each, "
            + "a header line or none (gzip recognized).")
    Path file;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The target column of the CSV: its name in the "
            + "header, or its index from 0 (negative: from the end) (default: the last column).")
    String target;

    @Option(names = "--no-header", description = "The CSV's first line is a row (default: a header when it has "
            + "text).")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "C", description = "The CSV's field delimiter: one character, or "
            + "'tab' (default: ',').")
    String delimiter;

    boolean given() {
        return file != null;
    }

    /** A usage error when a CSV option comes without --csv, which it would silently not apply to. */
    void refuseOptionsWithoutFile() {
        if (file != null) {
            return;
        }
        String stray = target != null ? "--target" : noHeader ? "--no-header" : delimiter != null ? "--delimiter"
                : null;
        if (stray != null) {
            throw usageError(stray + " describes a CSV file, but no --csv FILE is given");
        }
    }

    /** How the file is read: header, delimiter and target as given; the task inferred unless set by the caller. */
    Csv.Options options() {
        Csv.Options options = Csv.options();
        if (noHeader) {
            options = options.header(false);
        }
        if (delimiter != null) {
            char c = delimiterChar();
            try {
                options = options.delimiter(c);
            } catch (IllegalArgumentException e) {
                throw usageError("--delimiter: " + e.getMessage());
            }
        }
        if (target != null) {
            if (target.isBlank()) {
                throw usageError("--target \"" + target + "\" names no column: give its name or its index");
            }
            options = target.strip().matches("-?\\d{1,9}") ? options.target(Integer.parseInt(target.strip()))
                    : options.target(target);
        }
        return options;
    }

    private char delimiterChar() {
        if (delimiter.equals("tab") || delimiter.equals("\\t")) {
            return '\t';
        }
        if (delimiter.length() != 1) {
            throw usageError("--delimiter must be one character or 'tab', got '" + delimiter + "'");
        }
        return delimiter.charAt(0);
    }

    /** The examples of {@link #file}. */
    Dataset read(Csv.Options options) {
        return read("--csv", file, options);
    }

    /** Every column of {@link #file} as a feature, for predictions. */
    Tensor readFeatures(Csv.Options options) {
        try {
            return Csv.readFeatures(file, options);
        } catch (IOException e) {
            throw unreadable("--csv", file, e);
        }
    }

    /** The examples of {@code csv}, given by {@code option}; what is wrong with it is a one-line failure. */
    static Dataset read(String option, Path csv, Csv.Options options) {
        try {
            return Csv.read(csv, options);
        } catch (IOException e) {
            throw unreadable(option, csv, e);
        }
    }

    private static RuntimeException unreadable(String option, Path csv, IOException e) {
        if (e instanceof CsvFormatException) {
            return new CommandFailure(e.getMessage());
        }
        if (e instanceof NoSuchFileException) {
            return new CommandFailure("cannot read " + option + " " + csv + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new CommandFailure("cannot read " + option + " " + csv + ": permission denied");
        }
        return new CommandFailure("cannot read " + option + " " + csv + ": " + e);
    }

    private ParameterException usageError(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
