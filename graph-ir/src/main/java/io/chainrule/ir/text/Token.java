package io.chainrule.ir.text;

/**
 * One token of a line of text IR, with its 1-based position for messages.
 *
 * @param text for a {@link Kind#REF} the part after '%', for a {@link Kind#COMMENT} the part after "# ", for
 *             {@link Kind#END} the empty string
 */
record Token(Kind kind, String text, int line, int column) {
    /** Longer words are cut in messages, which stay one readable line whatever the input. */
    private static final int SHOWN_CHARACTERS = 40;

    enum Kind {
        /** A run of letters, digits and {@code _ . + -}: names, keywords, numbers, dtypes. */
        WORD,
        /** {@code %7}. */
        REF,
        /** One of {@code : = , { } [ ] ( )}. */
        PUNCT,
        /** {@code # ...} to the end of the line. */
        COMMENT,
        /** The end of the line. */
        END
    }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** How messages show this token: {@code 'relu'}, {@code '%3'}, {@code end of line}. */
    String describe() {
        return switch (kind) {
            case WORD, PUNCT -> quoted(text);
            case REF -> quoted("%" + text);
            case COMMENT -> "a comment";
            case END -> "end of line";
        };
    }

    /** {@code 'text'}, or its start and its length when it is long. */
    static String quoted(String text) {
        return text.length() <= SHOWN_CHARACTERS ? "'" + text + "'"
                : "'" + text.substring(0, SHOWN_CHARACTERS) + "...' (" + text.length() + " characters)";
    }
}
