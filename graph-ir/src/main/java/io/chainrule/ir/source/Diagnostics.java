package io.chainrule.ir.source;

import com.github.javaparser.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The errors found so far in one file, each kept once (a loop unrolled three times reports its error once). */
final class Diagnostics {
    private final String file;
    private final List<String> lines;
    private final Map<String, Diagnostic> found = new LinkedHashMap<>();

    Diagnostics(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    String file() {
        return file;
    }

    void error(Position at, String message, List<String> notes) {
        String line = at.line >= 1 && at.line <= lines.size() ? lines.get(at.line - 1) : "";
        found.putIfAbsent(at.line + ":" + at.column + ":" + message,
                new Diagnostic(file, at.line, at.column, message, line, notes));
    }

    boolean any() {
        return !found.isEmpty();
    }

    List<Diagnostic> inSourceOrder() {
        List<Diagnostic> all = new ArrayList<>(found.values());
        all.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return all;
    }

    void throwIfAny() {
        if (any()) {
            throw new ModelSourceException(inSourceOrder());
        }
    }
}
