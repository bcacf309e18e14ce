package io.chainrule.ir.source;

import java.util.List;

/**
 * One error in a model source, as javac reports it: {@code Model.java:14:9: error: <message>}, the source line with a
 * caret under the construct, then a note for each helper on the call chain that led there.
 *
 * @param sourceLine the line's text, or empty when the position is past the end of the file
 * @param notes      innermost call first: {@code in helper block(), called from forward() at Model.java:9:16}
 */
public record Diagnostic(String file, int line, int column, String message, String sourceLine, List<String> notes) {
    public Diagnostic {
        notes = List.copyOf(notes);
    }

    /** The report, ending with a newline. */
    public String format() {
        StringBuilder sb = new StringBuilder().append(file).append(':').append(line).append(':').append(column)
                .append(": error: ").append(message).append('\n');
        if (!sourceLine.isEmpty()) {
            sb.append(sourceLine).append('\n').append(caretIndent()).append("^\n");
        }
        for (String note : notes) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** Tabs kept as tabs, so that the caret lands under the column in any tab width. */
    private String caretIndent() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
            sb.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.toString();
    }
}
