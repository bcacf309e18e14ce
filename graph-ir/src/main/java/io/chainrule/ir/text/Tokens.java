package io.chainrule.ir.text;

import java.util.List;

/** A cursor over one line's tokens, with the expectations a recursive-descent reader needs. */
final class Tokens {
    private final List<Token> tokens;
    private int index;

    Tokens(String line, int lineNumber) {
        this.tokens = Lexer.tokenize(line, lineNumber);
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The current token, moving past it; the end of the line stays current. */
    Token next() {
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            index++;
        }
        return t;
    }

    /** Whether the current token is {@code punct} ({@code ""}: the end of the line). */
    boolean at(String punct) {
        Token t = peek();
        return (t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.END) && t.text().equals(punct);
    }

    boolean accept(String punct) {
        if (at(punct)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code punct} or fails: {@code expected ':' after the node id, found '='}. */
    Token expect(String punct, String context) {
        if (!at(punct)) {
            throw unexpected(show(punct) + " " + context);
        }
        return next();
    }

    /** Consumes the {@code close} that ends a comma-separated run, or fails: {@code expected ',' or ']'}. */
    Token expectClosing(String close) {
        if (!at(close)) {
            throw unexpected("',' or " + show(close));
        }
        return next();
    }

    Token expectWord(String what) {
        if (peek().kind() != Token.Kind.WORD) {
            throw unexpected(what);
        }
        return next();
    }

    /** A {@code %id} reference. */
    Ref expectRef(String what) {
        if (peek().kind() != Token.Kind.REF) {
            throw unexpected(what);
        }
        return Ref.of(next());
    }

    /** Consumes an optional trailing comment and the end of the line. */
    void expectEndAfter(String what) {
        if (peek().kind() == Token.Kind.COMMENT) {
            next();
        }
        expect("", "after " + what);
    }

    GraphParseException unexpected(String expected) {
        return GraphParseException.at(peek(), "expected " + expected + ", found " + peek().describe());
    }

    static String show(String punct) {
        return punct.isEmpty() ? "end of line" : "'" + punct + "'";
    }

    /** {@code name} if it reads back as one word token, else an IllegalArgumentException: names are written bare. */
    static String asWord(String name) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(name, 1);
        } catch (GraphParseException e) {
            tokens = List.of();
        }
        if (tokens.size() != 2 || tokens.get(0).kind() != Token.Kind.WORD) {
            throw new IllegalArgumentException("name " + Token.quoted(name) + " cannot be written in text: use "
                    + "letters, digits and _ . + -");
        }
        return name;
    }
}
