package io.chainrule.ir.text;

import io.chainrule.ir.GraphException;
import java.util.Optional;

/**
 * Text IR that does not describe a valid graph. The message is one line: {@code line 7, column 21: unknown op
 * 'relux' (did you mean 'relu'?)}, preceded by the file name when a file was parsed.
 */
public final class GraphParseException extends GraphException {
    /** Reasons quote the input; past this length (a pathological line) the rest is cut. */
    private static final int MAX_REASON = 1000;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    private GraphParseException(String file, int line, int column, String reason, Throwable cause) {
        super((file == null ? "" : file + ": ") + "line " + line + ", column " + column + ": " + cut(reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = cut(reason);
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON) + "... (" + (reason.length() - MAX_REASON) + " more characters)";
    }

    static GraphParseException at(int line, int column, String reason) {
        return new GraphParseException(null, line, column, reason, null);
    }

    static GraphParseException at(Token token, String reason) {
        return at(token.line(), token.column(), reason);
    }

    /** A builder's error, its message kept, placed at the token it concerns. */
    static GraphParseException at(Token token, RuntimeException cause) {
        return new GraphParseException(null, token.line(), token.column(), cause.getMessage(), cause);
    }

    GraphParseException inFile(String fileName) {
        return new GraphParseException(fileName, line, column, reason, getCause());
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based, in characters. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The file parsed, if the text came from one. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }
}
