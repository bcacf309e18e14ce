package io.chainrule.ir.source;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.chainrule.ir.Value;
import java.util.Map;

/**
 * Java's operators, conversions and casts on compile-time values (int, long, float, double, boolean, String), with
 * Java's promotion rules, so that a constant computes in the reader to what it computes in the compiled class.
 */
final class Operators {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class, boolean.class, Boolean.class);

    private Operators() {
    }

    static Object binary(BinaryExpr.Operator op, Object a, Object b) {
        switch (op) {
            case PLUS -> {
                if (a instanceof String || b instanceof String) {
                    return String.valueOf(a) + b;
                }
                return arithmetic(op, a, b);
            }
            case MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
                return arithmetic(op, a, b);
            }
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> {
                return shift(op, integral(a, op), integral(b, op));
            }
            case BINARY_AND, BINARY_OR, XOR -> {
                return bitwise(op, a, b);
            }
            case AND, OR -> {
                boolean x = bool(a, op);
                boolean y = bool(b, op);
                return op == BinaryExpr.Operator.AND ? x && y : x || y;
            }
            case EQUALS, NOT_EQUALS -> {
                return equality(a, b) == (op == BinaryExpr.Operator.EQUALS);
            }
            case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> {
                return compare(op, a, b);
            }
            default -> throw new SourceError("operator " + op.asString() + " is not supported");
        }
    }

    static Object unary(UnaryExpr.Operator op, Object a) {
        return switch (op) {
            case PLUS -> as(number(a, op), promote(a, 0));
            case MINUS -> negate(number(a, op));
            case LOGICAL_COMPLEMENT -> !bool(a, op);
            case BITWISE_COMPLEMENT -> integral(a, op) instanceof Long l ? ~l : ~((Number) a).intValue();
            default -> throw new SourceError("operator " + op.asString() + " is not supported here");
        };
    }

    private static Object negate(Number n) {
        if (n instanceof Double d) {
            return -d;
        } else if (n instanceof Float f) {
            return -f;
        } else if (n instanceof Long l) {
            return -l;
        }
        return -n.intValue();
    }

    /** A cast, as Java's: narrowing and widening between numbers, a checked reference cast otherwise. */
    static Object cast(Object value, Class<?> type) {
        if (type == null) {
            return value;
        }
        if (type.isPrimitive()) {
            if (type == boolean.class) {
                return bool(value, null);
            }
            if (!(value instanceof Number n)) {
                throw new SourceError("incompatible types: " + describe(value) + " cannot be converted to " + type);
            }
            return as(n, type);
        }
        if (value != null && !type.isInstance(value)) {
            throw new SourceError("incompatible types: " + describe(value) + " cannot be converted to "
                    + type.getSimpleName());
        }
        return value;
    }

    /** Assignment conversion to a declared type (null: not known, no conversion): widening only. */
    static Object convert(Object value, Class<?> type) {
        if (type == null || value instanceof Unknown) {
            return value;
        }
        if (type.isPrimitive()) {
            Class<?> from = primitiveOf(value);
            if (from == null) {
                throw new SourceError("incompatible types: " + describe(value) + " cannot be converted to " + type);
            }
            if (!Overloads.widens(from, type)) {
                throw new SourceError("incompatible types: possible lossy conversion from " + from + " to " + type);
            }
            return type == boolean.class ? value : as((Number) value, type);
        }
        if (value != null && !BOXES.getOrDefault(type, type).isInstance(value)) {
            throw new SourceError("incompatible types: " + describe(value) + " cannot be converted to "
                    + type.getSimpleName());
        }
        return value;
    }

    /** What a value is, as a message names it: {@code int}, {@code a tensor (Value)}, {@code Linear}. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        Class<?> p = primitiveOf(value);
        if (p != null) {
            return p.getName();
        }
        if (value instanceof Value) {
            return "a tensor (Value)";
        }
        return value instanceof SourceObject o ? o.type().name() : value.getClass().getSimpleName();
    }

    static Class<?> primitiveOf(Object value) {
        return value == null ? null : BOXES.entrySet().stream().filter(e -> e.getValue() == value.getClass())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    static Object as(Number n, Class<?> type) {
        if (type == int.class) {
            return n.intValue();
        } else if (type == long.class) {
            return n.longValue();
        } else if (type == float.class) {
            return n.floatValue();
        }
        return n.doubleValue();
    }

    private static Object arithmetic(BinaryExpr.Operator op, Object a, Object b) {
        number(a, op);
        number(b, op);
        Class<?> t = promote(a, b);
        Number x = (Number) a;
        Number y = (Number) b;
        if (t == double.class) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return switch (op) {
                case PLUS -> p + q;
                case MINUS -> p - q;
                case MULTIPLY -> p * q;
                case DIVIDE -> p / q;
                default -> p % q;
            };
        }
        if (t == float.class) {
            float p = x.floatValue();
            float q = y.floatValue();
            return switch (op) {
                case PLUS -> p + q;
                case MINUS -> p - q;
                case MULTIPLY -> p * q;
                case DIVIDE -> p / q;
                default -> p % q;
            };
        }
        if ((op == BinaryExpr.Operator.DIVIDE || op == BinaryExpr.Operator.REMAINDER) && y.longValue() == 0) {
            throw new SourceError("division by zero in a constant expression");
        }
        if (t == long.class) {
            long p = x.longValue();
            long q = y.longValue();
            return switch (op) {
                case PLUS -> p + q;
                case MINUS -> p - q;
                case MULTIPLY -> p * q;
                case DIVIDE -> p / q;
                default -> p % q;
            };
        }
        int p = x.intValue();
        int q = y.intValue();
        return switch (op) {
            case PLUS -> p + q;
            case MINUS -> p - q;
            case MULTIPLY -> p * q;
            case DIVIDE -> p / q;
            default -> p % q;
        };
    }

    private static Object shift(BinaryExpr.Operator op, Number a, Number distance) {
        int s = distance.intValue();
        if (a instanceof Long l) {
            return switch (op) {
                case LEFT_SHIFT -> l << s;
                case SIGNED_RIGHT_SHIFT -> l >> s;
                default -> l >>> s;
            };
        }
        int i = a.intValue();
        return switch (op) {
            case LEFT_SHIFT -> i << s;
            case SIGNED_RIGHT_SHIFT -> i >> s;
            default -> i >>> s;
        };
    }

    private static Object bitwise(BinaryExpr.Operator op, Object a, Object b) {
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return switch (op) {
                case BINARY_AND -> x & y;
                case BINARY_OR -> x | y;
                default -> x ^ y;
            };
        }
        Number x = integral(a, op);
        Number y = integral(b, op);
        if (x instanceof Long || y instanceof Long) {
            long p = x.longValue();
            long q = y.longValue();
            return switch (op) {
                case BINARY_AND -> p & q;
                case BINARY_OR -> p | q;
                default -> p ^ q;
            };
        }
        int p = x.intValue();
        int q = y.intValue();
        return switch (op) {
            case BINARY_AND -> p & q;
            case BINARY_OR -> p | q;
            default -> p ^ q;
        };
    }

    private static boolean equality(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return compare(BinaryExpr.Operator.EQUALS, a, b);
        }
        if (a instanceof String || b instanceof String) {
            throw new SourceError("== on strings compares references; use equals() to compare their text");
        }
        return a instanceof Boolean ? a.equals(b) : a == b;
    }

    private static boolean compare(BinaryExpr.Operator op, Object a, Object b) {
        number(a, op);
        number(b, op);
        Class<?> t = promote(a, b);
        int c;
        boolean unordered = false;
        if (t == double.class || t == float.class) {
            double p = ((Number) a).doubleValue();
            double q = ((Number) b).doubleValue();
            if (t == float.class) {
                p = ((Number) a).floatValue();
                q = ((Number) b).floatValue();
            }
            unordered = Double.isNaN(p) || Double.isNaN(q);
            c = p < q ? -1 : p > q ? 1 : 0;
        } else {
            c = Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if (unordered) {
            return op == BinaryExpr.Operator.NOT_EQUALS;
        }
        return switch (op) {
            case EQUALS -> c == 0;
            case LESS -> c < 0;
            case GREATER -> c > 0;
            case LESS_EQUALS -> c <= 0;
            default -> c >= 0;
        };
    }

    /** Binary numeric promotion (JLS 5.6); {@code b} may be 0 for unary promotion. */
    private static Class<?> promote(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            return double.class;
        } else if (a instanceof Float || b instanceof Float) {
            return float.class;
        } else if (a instanceof Long || b instanceof Long) {
            return long.class;
        }
        return int.class;
    }

    private static Number number(Object a, Object op) {
        if (a instanceof Integer || a instanceof Long || a instanceof Float || a instanceof Double) {
            return (Number) a;
        }
        throw new SourceError("bad operand " + describe(a) + " for " + name(op));
    }

    private static Number integral(Object a, Object op) {
        if (a instanceof Integer || a instanceof Long) {
            return (Number) a;
        }
        throw new SourceError("bad operand " + describe(a) + " for " + name(op) + ": needs an int or a long");
    }

    private static boolean bool(Object a, Object op) {
        if (a instanceof Boolean b) {
            return b;
        }
        throw new SourceError("bad operand " + describe(a) + (op == null ? "" : " for " + name(op))
                + ": needs a boolean");
    }

    private static String name(Object op) {
        if (op instanceof BinaryExpr.Operator b) {
            return "operator " + b.asString();
        }
        return op instanceof UnaryExpr.Operator u ? "operator " + u.asString() : "a cast";
    }
}
