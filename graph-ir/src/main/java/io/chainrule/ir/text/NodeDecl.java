package io.chainrule.ir.text;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One node line as written, {@code %ID [NAME]:TYPE = OP [%a, %b] [{attrs}] [# origin]}, before it is checked against
 * the other lines. Tokens are kept for the positions of later messages.
 *
 * @param name   null when the node has none
 * @param origin null when the line has no comment
 */
record NodeDecl(Ref id, Token name, TensorType type, Token typeToken, OpCode op, Token opToken, List<Ref> inputs,
        Attrs attrs, String origin) {
    private static final List<String> OP_NAMES = Arrays.stream(OpCode.values()).map(OpCode::text).toList();
    /** Ops that were primitives until measured as fast composed of others: graph text printed before names them. */
    private static final Map<String, String> COMPOSED = Map.of(
            "silu", "mul of x and sigmoid(x), what Value.silu builds",
            "gelu_tanh", "x times sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)), what Value.geluTanh builds");

    /** Reads a node line, whose first token is its {@code %id}. */
    static NodeDecl read(Tokens t) {
        Ref id = t.expectRef("a node id");
        Token name = t.peek().kind() == Token.Kind.WORD ? t.next() : null;
        t.expect(":", name == null ? "or a name after " + id : "after the name");
        Token typeToken = t.peek();
        TensorType type = new TensorType(dtype(t.expectWord("a dtype")), AttrText.shape(t, "the type"));
        t.expect("=", "after the type");
        Token opToken = t.expectWord("an op name");
        OpCode op = op(opToken);
        List<Ref> inputs = inputs(t);
        Attrs attrs = attrs(op, t);
        String origin = t.peek().kind() == Token.Kind.COMMENT ? t.next().text() : null;
        t.expect("", "after the node");
        return new NodeDecl(id, name, type, typeToken, op, opToken, inputs, attrs, origin);
    }

    private static DType dtype(Token token) {
        try {
            return DType.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw GraphParseException.at(token, e.getMessage());
        }
    }

    private static OpCode op(Token token) {
        String composition = COMPOSED.get(token.text());
        if (composition != null) {
            throw GraphParseException.at(token, "op '" + token.text() + "' is no longer one node but a composition: "
                    + "write it as " + composition);
        }
        try {
            return OpCode.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw GraphParseException.at(token, e.getMessage() + Closest.hint(token.text(), OP_NAMES));
        }
    }

    private static List<Ref> inputs(Tokens t) {
        List<Ref> inputs = new ArrayList<>();
        if (t.peek().kind() == Token.Kind.REF) {
            do {
                inputs.add(t.expectRef("an input reference"));
            } while (t.accept(","));
        }
        if (t.peek().kind() == Token.Kind.REF) {
            throw t.unexpected("',' between inputs");
        }
        return inputs;
    }

    private static Attrs attrs(OpCode op, Tokens t) {
        if (t.accept("{")) {
            return AttrText.parse(op.attrsType(), t);
        }
        if (op.attrsType() != Attrs.None.class) {
            throw t.unexpected("'{' with the attributes of " + op.text());
        }
        return Attrs.NONE;
    }
}
