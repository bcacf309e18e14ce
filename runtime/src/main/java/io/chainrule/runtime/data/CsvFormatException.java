package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CSV file that is not what it should be, on one line naming the file, the line and the column (1-based, the
 * column counting fields) as compilers do, then what is wrong and what was expected:
 * {@code iris.csv:17:3: 'abc' is not a number}. A problem with a whole line has no column
 * ({@code iris.csv:1: no column 'species': ...}); one with the whole file has neither ({@code empty.csv: the file is
 * empty: ...}).
 */
public class CsvFormatException extends IOException {
    private final transient Path file;
    private final int line;
    private final int column;

    /** {@code line} and {@code column} are 1-based, or 0 for none. */
    CsvFormatException(Path file, int line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    CsvFormatException(Path file, int line, int column, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The line at fault, from 1; 0 when the problem is with the whole file. */
    public int line() {
        return line;
    }

    /** The column (field) at fault, from 1; 0 when the problem is with a whole line or file. */
    public int column() {
        return column;
    }
}
