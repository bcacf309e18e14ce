package io.chainrule.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.ShapeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextParserErrorTest {
    /** A valid graph; each test breaks one line of it. */
    private static final String VALID = """
            graph g {
              %0 x:f32[2,3] = input
              %1 w:f32[4,3] = parameter {init=zeros()}
              %2 h:f32[2,4] = matmul %0, %1 {transpose_a=false, transpose_b=true}
              %3:f32[2,4] = relu %2
              outputs y=%3
            }
            """;

    @Test
    void theValidGraphParses() {
        assertEquals(4, TextParser.parse(VALID).size());
    }

    @Test
    void reportsPositionAndReasonSeparately() {
        GraphParseException e = assertThrows(GraphParseException.class,
                () -> TextParser.parse(replace("relu %2", "relux %2")));
        assertEquals(5, e.line());
        assertEquals(17, e.column());
        assertEquals("unknown op 'relux' (did you mean 'relu'?)", e.reason());
        assertEquals(Optional.empty(), e.file());
    }

    @Test
    void saysWhatWasExpectedOnAMalformedLine() {
        assertError("line 5, column 15: expected '=' after the type, found 'relu'", replace("= relu", "relu"));
        assertError("line 2, column 8: expected ':' after the name, found '='", replace(":f32[2,3] =", " ="));
        assertError("line 5, column 25: expected ',' between inputs, found '%0'", replace("relu %2", "relu %2 %0"));
        assertError("line 5, column 25: expected end of line after the node, found 'x'",
                replace("relu %2", "relu %2 x"));
    }

    @Test
    void rejectsAnUnexpectedCharacterSayingWhatWasExpected() {
        String expected = ": expected a name or number (ASCII letters, digits, _ . + -), a %ID, one of : = { } [ ] ( ) "
                + ", <-, or a # comment";
        assertError("line 5, column 22: unexpected character '@'" + expected, replace("relu %2", "relu @2"));
        assertError("line 5, column 22: unexpected character '\"'" + expected + " (text IR has no quoted strings)",
                replace("relu %2", "relu \"%2\""));
    }

    @Test
    void showsInvisibleAndNonAsciiCharactersByTheirCodePoints() {
        assertTrue(parseError(replace("relu %2", "relu \0")).reason()
                .startsWith("unexpected character U+0000: expected"));
        assertTrue(parseError(replace("relu %2", "relu \u00e9")).reason()
                .startsWith("unexpected character '\u00e9' (U+00E9): expected"));
    }

    @Test
    void keepsMessagesShortWhateverTheInput() {
        String ones = "[1" + ",1".repeat(99_999) + "]";
        assertError("line 2, column 11: the type: a shape has at most 64 dimensions, this one has 100000",
                replace("f32[2,3]", "f32" + ones));
        String longName = "r".repeat(100_000);
        GraphParseException e = parseError(replace("relu %2", longName + " %2"));
        assertTrue(e.getMessage().startsWith("line 5, column 17: unknown op 'rrrr"), e.getMessage());
        assertTrue(e.getMessage().length() < 1200, "message of " + e.getMessage().length() + " characters");
        assertError("line 5, column 25: expected end of line after the node, found '" + "x".repeat(40)
                + "...' (100000 characters)", replace("relu %2", "relu %2 " + "x".repeat(100_000)));
    }

    @Test
    void rejectsABadReference() {
        assertError("line 5, column 22: bad node reference '%x2': expected '%' and digits",
                replace("relu %2", "relu %x2"));
        assertError("line 5, column 22: expected a node id after '%'", replace("relu %2", "relu % 2"));
    }

    @Test
    void rejectsALineThatIsNoNode() {
        assertError("line 5, column 3: expected a node ('%ID ...'), 'update', 'outputs' or '}', found 'relu'",
                replace("%3:f32[2,4] = relu %2", "relu %2"));
    }

    @Test
    void rejectsAnUnknownOpSuggestingTheClosest() {
        assertError("line 5, column 17: unknown op 'relux' (did you mean 'relu'?)", replace("relu %2", "relux %2"));
        assertError("line 5, column 17: unknown op 'frobnicate'", replace("relu %2", "frobnicate %2"));
    }

    /** SiLU and GELU's tanh form were ops until they were made compositions; text printed before still names them. */
    @Test
    void namesTheCompositionForAnOpThatBecameOne() {
        assertError("line 5, column 17: op 'silu' is no longer one node but a composition: write it as mul of x and "
                + "sigmoid(x), what Value.silu builds", replace("relu %2", "silu %2"));
        assertError("line 5, column 17: op 'gelu_tanh' is no longer one node but a composition: write it as x times "
                + "sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)), what Value.geluTanh builds",
                replace("relu %2", "gelu_tanh %2"));
    }

    @Test
    void rejectsAnUnknownDtype() {
        assertError("line 2, column 8: unknown dtype 'f16' (expected f32, f64 or i32)", replace("x:f32", "x:f16"));
    }

    @Test
    void rejectsANegativeDimension() {
        assertError("line 2, column 11: the type: negative dimension in [2, -3]", replace("f32[2,3]", "f32[2,-3]"));
    }

    @Test
    void rejectsAnUndefinedReference() {
        assertError("line 5, column 22: undefined reference %9", replace("relu %2", "relu %9"));
        assertError("line 6, column 13: undefined reference %8", replace("y=%3", "y=%8"));
    }

    @Test
    void rejectsADuplicateId() {
        assertError("line 5, column 3: duplicate id %2 (first declared at line 4)", replace("%3:", "%2:"));
    }

    @Test
    void rejectsADuplicateName() {
        assertError("line 5, column 6: duplicate name 'h' (already used by %2 at line 4)", replace("%3:", "%3 h:"));
    }

    @Test
    void rejectsACycleNamingItsNodes() {
        assertError("line 3, column 23: cycle: %1 -> %2 -> %3 -> %1", """
                graph g {
                  %0 x:f32[2] = input
                  %1:f32[2] = add %0, %3
                  %2:f32[2] = relu %1
                  %3:f32[2] = neg %2
                  outputs y=%3
                }
                """);
        assertError("line 3, column 20: cycle: %1 -> %1", """
                graph g {
                  %0 x:f32[2] = input
                  %1:f32[2] = relu %1
                  outputs y=%1
                }
                """);
    }

    @Test
    void rejectsADeclaredTypeThatDiffersFromTheInferredOne() {
        assertError("line 4, column 8: declared type f32[2,3] but matmul infers f32[2,4]", replace("h:f32[2,4]",
                "h:f32[2,3]"));
        assertError("line 5, column 6: declared type f64[2,4] but relu infers f32[2,4]", replace("%3:f32", "%3:f64"));
    }

    @Test
    void prefixesTheBuildersShapeErrorWithThePosition() {
        GraphParseException e = assertError(
                "line 4, column 19: matmul h: [2,3] x [4,5]^T: inner dimensions 3 and 5 differ",
                replace("w:f32[4,3]", "w:f32[4,5]"));
        assertEquals(ShapeException.class, e.getCause().getClass());
    }

    @Test
    void rejectsTheWrongNumberOfInputs() {
        assertError("line 5, column 17: relu takes 1 input, got 2", replace("relu %2", "relu %2, %0"));
        assertError("line 2, column 19: input takes 0 inputs, got 1", replace("= input", "= input %1"));
    }

    @Test
    void rejectsWhatTheBuilderRejectsInSourceNodes() {
        assertError("line 2, column 17: input %0: needs a name", replace("%0 x:", "%0:"));
        assertError("line 2, column 21: invalid input name 'x-y': use letters, digits, '_' and '.', not starting "
                + "with a digit", replace("%0 x:", "%0 x-y:"));
        assertError("line 3, column 19: parameter w: must be floating, got i32", replace("w:f32", "w:i32"));
        assertError("line 3, column 18: constant f32[4,3]: 2 values for 12 elements",
                replace("w:f32[4,3] = parameter {init=zeros()}", ":f32[4,3] = constant {values=[1.0, 2.0]}"));
    }

    @Test
    void rejectsBadAttributes() {
        assertError("line 4, column 65: expected true or false for attribute 'transpose_b', found 'yes'",
                replace("transpose_b=true", "transpose_b=yes"));
        assertError("line 4, column 71: unknown attribute 'flip' (expected transpose_a or transpose_b)",
                replace("transpose_b=true", "transpose_b=true, flip=true"));
        assertError("line 4, column 32: expected '{' with the attributes of matmul, found end of line",
                replace(" {transpose_a=false, transpose_b=true}", ""));
        assertError("line 3, column 35: unknown initializer 'ones' (expected zeros, fill, uniform, normal, "
                + "kaiming_uniform, kaiming_normal, xavier_uniform, xavier_normal or linear_default)",
                replace("zeros()", "ones()"));
        assertError("line 5, column 26: unknown attribute 'alpha' (expected none)",
                replace("relu %2", "relu %2 {alpha=0.1}"));
    }

    @Test
    void rejectsAMissingOutputsLine() {
        assertError("line 6, column 1: missing outputs line before '}'", replace("  outputs y=%3\n", ""));
    }

    @Test
    void rejectsABadOutputsLine() {
        assertError("line 6, column 13: expected '=' after the output name, found '%3'", replace("y=%3", "y %3"));
        assertError("line 6, column 10: expected an output name, found end of line", replace(" y=%3", ""));
        assertError("line 6, column 17: duplicate output name 'y'", replace("y=%3", "y=%3, y=%2"));
        assertError("line 7, column 3: second outputs line (the first is line 6)",
                replace("y=%3\n", "y=%3\n  outputs z=%2\n"));
    }

    @Test
    void readsUpdatesAndRejectsBadOnes() {
        String update = "  %4:f32[4,3] = neg %1\n  update w <- %4\n";
        assertEquals(java.util.Map.of("w", 4), TextParser.parse(replace("  outputs", update + "  outputs")).updates());
        assertError("line 7, column 10: update x: %0 is input, not a parameter or state",
                replace("  outputs", update.replace("update w", "update x") + "  outputs"));
        assertError("line 6, column 10: update w: f32[4,3] <- f32[2,4]: types differ",
                replace("  outputs", "  update w <- %3\n  outputs"));
        assertError("line 6, column 12: expected '<-' after the updated name, found '='",
                replace("  outputs", "  update w = %3\n  outputs"));
        assertError("line 6, column 15: undefined reference %9", replace("  outputs", "  update w <- %9\n  outputs"));
    }

    @Test
    void rejectsAMissingHeader() {
        assertError("line 1, column 1: expected 'graph NAME {', found end of input", "");
        assertError("line 1, column 3: expected 'graph NAME {', found '%0'", VALID.substring(VALID.indexOf('\n') + 1));
        assertError("line 1, column 8: expected '{' after the graph name, found end of line", replace(" {\n", "\n"));
        assertError("line 1, column 7: invalid graph name '9g': use letters, digits, '_' and '.', not starting "
                + "with a digit", replace("graph g", "graph 9g"));
    }

    @Test
    void rejectsAMissingClosingBrace() {
        assertError("line 7, column 1: expected '}' to close the graph, found end of input",
                VALID.substring(0, VALID.lastIndexOf('}')));
        assertError("line 6, column 15: expected '}' to close the graph, found end of input",
                replace("y=%3\n}\n", "y=%3"));
    }

    @Test
    void rejectsContentAfterTheClosingBrace() {
        assertError("line 10, column 1: unexpected 'graph' after the closing '}'", VALID + "\n# fine\ngraph h {\n");
        assertError("line 7, column 3: expected end of line after '}', found 'x'",
                VALID.substring(0, VALID.lastIndexOf('}')) + "} x\n");
    }

    @Test
    void namesTheFileWhenParsingOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.ir");
        Files.writeString(file, replace("relu %2", "relux %2"));
        GraphParseException e = assertThrows(GraphParseException.class, () -> TextParser.parse(file));
        assertEquals(file + ": line 5, column 17: unknown op 'relux' (did you mean 'relu'?)", e.getMessage());
        assertEquals(Optional.of(file.toString()), e.file());
    }

    private static String replace(String target, String replacement) {
        if (VALID.indexOf(target) != VALID.lastIndexOf(target) || !VALID.contains(target)) {
            throw new IllegalArgumentException("not once in the valid graph: " + target);
        }
        return VALID.replace(target, replacement);
    }

    private static GraphParseException assertError(String expected, String text) {
        GraphParseException e = parseError(text);
        assertEquals(expected, e.getMessage());
        return e;
    }

    private static GraphParseException parseError(String text) {
        return assertThrows(GraphParseException.class, () -> TextParser.parse(text));
    }
}
