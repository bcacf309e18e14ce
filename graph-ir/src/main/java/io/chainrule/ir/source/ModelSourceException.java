package io.chainrule.ir.source;

import io.chainrule.ir.GraphException;
import java.util.List;

/**
 * A model source that cannot be read into a graph: every error found in one pass, in source order, formatted as
 * javac formats its own ({@link Diagnostic#format}) and counted at the end ({@code 3 errors}).
 */
public final class ModelSourceException extends GraphException {
    private final transient List<Diagnostic> diagnostics;

    ModelSourceException(List<Diagnostic> diagnostics) {
        super(report(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String report(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        diagnostics.forEach(d -> sb.append(d.format()));
        int n = diagnostics.size();
        return sb.append(n).append(n == 1 ? " error" : " errors").toString();
    }
}
