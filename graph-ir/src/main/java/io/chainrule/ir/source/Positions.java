package io.chainrule.ir.source;

import com.github.javaparser.JavaToken;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.Optional;

/**
 * Where javac would point at a construct: a method call or field access at its name (so each call of a chain
 * {@code x.matmul(w).add(b)} has its own column), an operator (assignments too) at the operator, anything else at
 * its start.
 */
final class Positions {
    private Positions() {
    }

    static Position of(Node n) {
        if (n instanceof MethodCallExpr m && m.getScope().isPresent()) {
            return begin(m.getName());
        }
        if (n instanceof FieldAccessExpr f) {
            return begin(f.getName());
        }
        if (n instanceof AssignExpr a) {
            return after(a.getTarget()).orElse(begin(a));
        }
        if (n instanceof BinaryExpr b) {
            return after(b.getLeft()).orElse(begin(b));
        }
        if (n instanceof UnaryExpr u && u.isPostfix()) {
            return after(u.getExpression()).orElse(begin(u));
        }
        return begin(n);
    }

    /** Where {@code n}'s text starts. */
    static Position start(Node n) {
        return begin(n);
    }

    private static Position begin(Node n) {
        return n.getBegin().orElse(new Position(1, 1));
    }

    /** The first token after {@code n} that is not whitespace or a comment: a binary or postfix operator. */
    private static Optional<Position> after(Node n) {
        Optional<JavaToken> t = n.getTokenRange().flatMap(r -> r.getEnd().getNextToken());
        while (t.isPresent() && t.get().getCategory().isWhitespaceOrComment()) {
            t = t.get().getNextToken();
        }
        return t.flatMap(JavaToken::getRange).map(r -> r.begin);
    }
}
