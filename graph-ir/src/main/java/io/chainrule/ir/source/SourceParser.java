package io.chainrule.ir.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JavaParser set to Java 17 (its default level rejects records and other newer syntax). */
final class SourceParser {
    private static final Pattern FOUND = Pattern.compile("Found \"(.*?)\"");
    private SourceParser() {
    }

    /** The parsed file, or empty with every syntax error reported at JavaParser's position. */
    static Optional<CompilationUnit> parse(String text, Diagnostics diagnostics) {
        ParserConfiguration config = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false);
        ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
        for (Problem p : result.getProblems()) {
            diagnostics.error(position(p), message(p), List.of());
        }
        return result.isSuccessful() ? result.getResult() : Optional.empty();
    }

    /**
     * The token the message says was found, which JavaParser's range ends at or contains (the range starts at the
     * last token that parsed); the range's start when the message names none.
     */
    private static Position position(Problem p) {
        Optional<TokenRange> range = p.getLocation();
        if (range.isEmpty()) {
            return new Position(1, 1);
        }
        Matcher found = FOUND.matcher(p.getMessage());
        if (found.find()) {
            for (JavaToken t : range.get()) {
                if (t != range.get().getBegin() && t.getText().equals(found.group(1)) && t.getRange().isPresent()) {
                    return t.getRange().get().begin;
                }
            }
        }
        return range.get().getBegin().getRange().map(r -> r.begin).orElse(new Position(1, 1));
    }

    /** JavaParser's message without its list of every token that could have come instead. */
    private static String message(Problem p) {
        String m = p.getMessage().strip();
        int expected = m.indexOf(", expected one of");
        if (expected > 0) {
            m = m.substring(0, expected);
        }
        int newline = m.indexOf('\n');
        return "syntax error: " + (newline > 0 ? m.substring(0, newline) : m);
    }
}
