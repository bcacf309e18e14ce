package io.chainrule.ir.text;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of text IR into tokens; the IR is line-based, so no token spans lines. */
final class Lexer {
    private static final String PUNCTUATION = ":={}[](),";
    /** The update statement's arrow, {@code update fc1.weight <- %40}. */
    private static final String ARROW = "<-";

    private final String line;
    private final int lineNumber;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String line, int lineNumber) {
        this.line = line;
        this.lineNumber = lineNumber;
    }

    /** The tokens of {@code line}, always ending with an {@link Token.Kind#END} token. */
    static List<Token> tokenize(String line, int lineNumber) {
        Lexer lexer = new Lexer(line, lineNumber);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos == line.length()) {
                tokens.add(new Token(Token.Kind.END, "", lineNumber, pos + 1));
                return;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = line.charAt(pos);
        if (c == '#') {
            pos = line.length();
            // the printer writes "# " before the origin; anything after that one space belongs to the origin
            String rest = line.substring(start + 1);
            return token(Token.Kind.COMMENT, rest.startsWith(" ") ? rest.substring(1) : rest, start);
        }
        if (c == '%') {
            pos++;
            String id = word();
            if (id.isEmpty()) {
                throw GraphParseException.at(lineNumber, start + 1, "expected a node id after '%'");
            }
            return token(Token.Kind.REF, id, start);
        }
        if (line.startsWith(ARROW, pos)) {
            pos += ARROW.length();
            return token(Token.Kind.PUNCT, ARROW, start);
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            pos++;
            return token(Token.Kind.PUNCT, String.valueOf(c), start);
        }
        if (isWordChar(c)) {
            return token(Token.Kind.WORD, word(), start);
        }
        throw GraphParseException.at(lineNumber, start + 1, "unexpected character " + shown(c) + ": expected a name "
                + "or number (ASCII letters, digits, _ . + -), a %ID, one of " + PUNCTUATION.replace("", " ").strip()
                + " " + ARROW + ", or a # comment" + (c == '"' ? " (text IR has no quoted strings)" : ""));
    }

    /** A printable ASCII character as itself, quoted; anything else (NUL, control, non-ASCII) by its code point too. */
    private static String shown(char c) {
        String code = String.format("U+%04X", (int) c);
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c) ? code
                : "'" + c + "' (" + code + ")";
    }

    private String word() {
        int start = pos;
        while (pos < line.length() && isWordChar(line.charAt(pos))) {
            pos++;
        }
        return line.substring(start, pos);
    }

    private Token token(Token.Kind kind, String text, int start) {
        return new Token(kind, text, lineNumber, start + 1);
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '+' || c == '-');
    }
}
