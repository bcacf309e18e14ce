package io.chainrule.ir.text;

import io.chainrule.ir.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text IR that {@link TextPrinter} writes back into an equal graph. Blank lines and whole-line {@code #}
 * comments may appear anywhere, node lines, update lines and the outputs line in any order: nodes are sorted so that each follows
 * its inputs, smallest id first, and rebuilt through the graph builder, so shapes and declared types are checked
 * again. Any problem is a {@link GraphParseException} whose one-line message gives the line and column.
 */
public final class TextParser {
    private static final String CLOSING = "'}' to close the graph";

    private final String text;
    private final List<String> lines;
    private int nextLine;
    private final List<NodeDecl> nodes = new ArrayList<>();
    private List<OutputDecl> outputs;
    private Token outputsKeyword;
    private final List<OutputDecl> updates = new ArrayList<>();

    private TextParser(String text) {
        this.text = text;
        this.lines = text.lines().toList();
    }

    public static Graph parse(String text) {
        return new TextParser(text).graph();
    }

    /** As {@link #parse(String)} on a UTF-8 file, whose name then leads every message. */
    public static Graph parse(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            return parse(text);
        } catch (GraphParseException e) {
            throw e.inFile(file.toString());
        }
    }

    private Graph graph() {
        Token name = header();
        Tokens t = nextLine(CLOSING);
        while (!t.at("}")) {
            bodyLine(t);
            t = nextLine(CLOSING);
        }
        close(t);
        return GraphAssembler.assemble(name, nodes, outputs, updates);
    }

    /** The line {@code graph NAME} followed by an opening brace; returns the name. */
    private Token header() {
        Tokens t = nextLine("'graph NAME {'");
        if (!t.peek().isWord("graph")) {
            throw t.unexpected("'graph NAME {'");
        }
        t.next();
        Token name = t.expectWord("a graph name");
        t.expect("{", "after the graph name");
        t.expectEndAfter("'{'");
        return name;
    }

    private void bodyLine(Tokens t) {
        if (t.peek().kind() == Token.Kind.REF) {
            nodes.add(NodeDecl.read(t));
        } else if (t.peek().isWord("outputs")) {
            outputsLine(t);
        } else if (t.peek().isWord("update")) {
            t.next();
            Token target = t.expectWord("the name of a parameter or state");
            t.expect("<-", "after the updated name");
            updates.add(new OutputDecl(target, t.expectRef("a node reference")));
            t.expectEndAfter("the update");
        } else {
            throw t.unexpected("a node ('%ID ...'), 'update', 'outputs' or '}'");
        }
    }

    /** {@code outputs NAME=%ID, ...}: at least one, on one line. */
    private void outputsLine(Tokens t) {
        if (outputsKeyword != null) {
            throw GraphParseException.at(t.peek(), "second outputs line (the first is line " + outputsKeyword.line()
                    + ")");
        }
        outputsKeyword = t.next();
        outputs = new ArrayList<>();
        do {
            Token name = t.expectWord("an output name");
            t.expect("=", "after the output name");
            outputs.add(new OutputDecl(name, t.expectRef("a node reference")));
        } while (t.accept(","));
        t.expectEndAfter("the outputs");
    }

    /** The closing brace's line, which must follow the outputs and end the input. */
    private void close(Tokens t) {
        Token brace = t.next();
        t.expectEndAfter("'}'");
        if (outputs == null) {
            throw GraphParseException.at(brace, "missing outputs line before '}'");
        }
        Tokens rest = nextLineOrNull();
        if (rest != null) {
            throw GraphParseException.at(rest.peek(), "unexpected " + rest.peek().describe()
                    + " after the closing '}'");
        }
    }

    /** The tokens of the next line that is neither blank nor a comment, or fails at the end of the input. */
    private Tokens nextLine(String expected) {
        Tokens t = nextLineOrNull();
        if (t == null) {
            throw endOfInput("expected " + expected + ", found end of input");
        }
        return t;
    }

    private Tokens nextLineOrNull() {
        while (nextLine < lines.size()) {
            nextLine++;
            Tokens t = new Tokens(lines.get(nextLine - 1), nextLine);
            Token.Kind first = t.peek().kind();
            if (first != Token.Kind.END && first != Token.Kind.COMMENT) {
                return t;
            }
        }
        return null;
    }

    /** Placed just past the last character, as an editor would place the cursor. */
    private GraphParseException endOfInput(String reason) {
        boolean endsWithBreak = text.endsWith("\n") || text.endsWith("\r");
        if (endsWithBreak || lines.isEmpty()) {
            return GraphParseException.at(lines.size() + 1, 1, reason);
        }
        return GraphParseException.at(lines.size(), lines.get(lines.size() - 1).length() + 1, reason);
    }
}
