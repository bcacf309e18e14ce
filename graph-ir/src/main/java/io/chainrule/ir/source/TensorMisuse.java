package io.chainrule.ir.source;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.Map;

/**
 * What to say when a tensor is used as Java uses a number: an operator (Java has none on objects, so the message
 * names the method to call), or a condition (the graph is static, so conditions must be constants).
 */
final class TensorMisuse {
    static final String SWITCH = "switch on a tensor value is not supported: the graph is fixed when it is read, so "
            + "a switch must select on a constant";
    private static final String WHY = "the graph is fixed when it is read, and a tensor's values exist only when it "
            + "runs";
    private static final Map<BinaryExpr.Operator, String> METHODS = Map.of(BinaryExpr.Operator.PLUS, "add",
            BinaryExpr.Operator.MINUS, "sub", BinaryExpr.Operator.MULTIPLY, "mul", BinaryExpr.Operator.DIVIDE, "div",
            BinaryExpr.Operator.LESS, "lt", BinaryExpr.Operator.LESS_EQUALS, "le", BinaryExpr.Operator.GREATER, "gt",
            BinaryExpr.Operator.GREATER_EQUALS, "ge", BinaryExpr.Operator.EQUALS, "eq",
            BinaryExpr.Operator.NOT_EQUALS, "ne");
    /** The method on the right operand when the left one is the number: 2 * x is x.mul(2), 1 < x is x.gt(1). */
    private static final Map<BinaryExpr.Operator, String> FLIPPED = Map.of(BinaryExpr.Operator.LESS, "gt",
            BinaryExpr.Operator.LESS_EQUALS, "ge", BinaryExpr.Operator.GREATER, "lt",
            BinaryExpr.Operator.GREATER_EQUALS, "le", BinaryExpr.Operator.EQUALS, "eq",
            BinaryExpr.Operator.NOT_EQUALS, "ne", BinaryExpr.Operator.PLUS, "add", BinaryExpr.Operator.MULTIPLY,
            "mul");

    private TensorMisuse() {
    }

    /** Whether a tensor method does what {@code op} does to numbers. */
    static boolean hasMethod(BinaryExpr.Operator op) {
        return METHODS.containsKey(op);
    }

    /** {@code operator + is not defined on tensors (...); call x.add(y) instead}. */
    static String operator(BinaryExpr.Operator op, Expression left, boolean leftIsTensor, Expression right) {
        String method = METHODS.get(op);
        String head = "operator " + op.asString() + " is not defined on tensors";
        if (method == null) {
            return head;
        }
        String a = text(left, "a");
        String b = text(right, "b");
        String instead;
        if (leftIsTensor) {
            instead = a + "." + method + "(" + b + ")";
        } else if (FLIPPED.containsKey(op)) {
            instead = b + "." + FLIPPED.get(op) + "(" + a + ")";
        } else if (op == BinaryExpr.Operator.MINUS) {
            instead = b + ".neg().add(" + a + ")";
        } else {
            instead = b + ".reciprocal().mul(" + a + ")";
        }
        String matmul = op == BinaryExpr.Operator.MULTIPLY ? " (elementwise; matmul() is the matrix product)" : "";
        return head + " (Java has no operator overloading); call " + instead + " instead" + matmul;
    }

    static String unary(UnaryExpr u) {
        String instead = u.getOperator() == UnaryExpr.Operator.MINUS ? "; call " + text(u.getExpression(), "x")
                + ".neg() instead" : "";
        return "operator " + u.getOperator().asString() + " is not defined on tensors" + instead;
    }

    /** {@code x += y}: {@code call x = x.add(y) instead}. */
    static String compound(AssignExpr a, boolean targetIsTensor) {
        BinaryExpr.Operator op = a.getOperator().toBinaryOperator().orElseThrow();
        String x = text(a.getTarget(), "x");
        String instead = METHODS.containsKey(op) && targetIsTensor ? "; call " + x + " = " + x + "." + METHODS.get(op)
                + "(" + text(a.getValue(), "y") + ") instead" : "";
        return "operator " + a.getOperator().asString() + " is not defined on tensors" + instead;
    }

    /** A condition of {@code construct} ("if", "?:" or "for") that reads a tensor. */
    static String condition(String construct) {
        return switch (construct) {
            case "for" -> "the bound of a for loop must be a constant, not a tensor value: " + WHY;
            case "?:" -> "?: on a tensor value is not supported: " + WHY + "; for an elementwise choice, use a "
                    + "mask such as x.gt(0).mul(y)";
            default -> "if on a tensor value is not supported: " + WHY + "; for an elementwise choice, use a mask "
                    + "such as x.gt(0).mul(y)";
        };
    }

    /** The operand as written when it is short, else a placeholder. */
    private static String text(Expression e, String placeholder) {
        String s = e.toString();
        return s.length() <= 24 && !s.contains("\n") ? s : placeholder;
    }
}
