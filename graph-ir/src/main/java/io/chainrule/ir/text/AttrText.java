package io.chainrule.ir.text;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Shape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text form of attributes, derived from the attribute records themselves: {@code {transpose_a=false,
 * transpose_b=true}}, nested records as {@code linear_default(fan_in=784)}. Component names are written in snake_case.
 * Parsing is the inverse, by reflection over the same records, so a new attribute record needs no change here.
 */
final class AttrText {
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** Double.toString's forms ({@code -0.0}, {@code 1.0E-8}, {@code NaN}, {@code -Infinity}), and plain integers. */
    private static final Pattern REAL = Pattern.compile("NaN|-?(Infinity|\\d+(\\.\\d+)?([eE][+-]?\\d+)?)");

    private AttrText() {
    }

    /** {@code {k=v, ...}}, or the empty string for {@link Attrs.None}. */
    static String print(Attrs attrs) {
        if (attrs instanceof Attrs.None) {
            return "";
        }
        return "{" + components((Record) attrs) + "}";
    }

    /**
     * The attributes of type {@code type} from the text between the braces that {@link #print} writes, such as
     * {@code transpose_a=false, transpose_b=true}; keys may come in any order.
     *
     * @throws GraphParseException for an unknown, missing or repeated key or a malformed value, at its column in
     *                             {@code text} (line 1)
     */
    static <A extends Attrs> A parse(Class<A> type, String text) {
        return type.cast(fields(type, new Tokens(text, 1), "", "attribute"));
    }

    /** The components of record {@code type} as {@code key=value, ...}, through {@code close}. */
    static Record record(Class<?> type, Tokens tokens, String close, String what) {
        return fields(type, tokens, close, what);
    }

    /** The attributes of type {@code type} that follow an opening '{', through the closing '}'. */
    static Attrs parse(Class<? extends Attrs> type, Tokens tokens) {
        return (Attrs) fields(type, tokens, "}", "attribute");
    }

    /** A shape, {@code [100,784]} or {@code []}; {@code subject} names it in messages. */
    static Shape shape(Tokens t, String subject) {
        Token open = t.peek();
        int[] dims = list(int.class, t, subject).stream().mapToInt(Integer.class::cast).toArray();
        try {
            return Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw GraphParseException.at(open, subject + ": " + e.getMessage());
        }
    }

    /** {@code key=value, ...} up to {@code close} ("" for the end of the line), as the record {@code type}. */
    private static Record fields(Class<?> type, Tokens t, String close, String what) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            index.put(snake(components[i].getName()), i);
        }
        Object[] args = new Object[components.length];
        boolean[] given = new boolean[components.length];
        Token start = t.peek();
        if (!t.at(close)) {
            do {
                Token key = t.expectWord(what + " name");
                int i = component(key, index, given, what);
                t.expect("=", "after " + what + " " + key.describe());
                args[i] = value(components[i].getGenericType(), t, what + " " + key.describe());
            } while (t.accept(","));
        }
        Token end = t.expectClosing(close);
        index.forEach((name, i) -> {
            if (!given[i]) {
                throw GraphParseException.at(end, "missing " + what + " '" + name + "'");
            }
        });
        return construct(type, components, args, start);
    }

    /** The index of the component {@code key} names, marking it given; fails if unknown or given before. */
    private static int component(Token key, Map<String, Integer> index, boolean[] given, String what) {
        Integer i = index.get(key.text());
        if (i == null) {
            throw GraphParseException.at(key, "unknown " + what + " " + key.describe()
                    + Closest.hintOrList(key.text(), index.keySet()));
        }
        if (given[i]) {
            throw GraphParseException.at(key, "duplicate " + what + " " + key.describe());
        }
        given[i] = true;
        return i;
    }

    private static Record construct(Class<?> type, RecordComponent[] components, Object[] args, Token at) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return (Record) type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw GraphParseException.at(at, "bad " + snake(type.getSimpleName()) + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object value(Type type, Tokens t, String subject) {
        if (type == int.class || type == Integer.class) {
            return integer(t, subject);
        }
        if (type == double.class || type == Double.class) {
            return real(t, subject);
        }
        if (type == boolean.class || type == Boolean.class) {
            return bool(t, subject);
        }
        if (type == Shape.class) {
            return shape(t, subject);
        }
        if (type == String.class) {
            return t.expectWord("a name for " + subject).text();
        }
        if (type == double[].class) {
            return list(double.class, t, subject).stream().mapToDouble(Double.class::cast).toArray();
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return list(p.getActualTypeArguments()[0], t, subject);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return enumConstant(c, t, subject);
        }
        if (type instanceof Class<?> c && c.isSealed()) {
            return choice(c, t, subject);
        }
        throw new IllegalArgumentException("attribute of unsupported type " + type.getTypeName());
    }

    private static List<Object> list(Type element, Tokens t, String subject) {
        t.expect("[", "to start " + subject);
        List<Object> out = new ArrayList<>();
        if (!t.at("]")) {
            do {
                out.add(value(element, t, subject));
            } while (t.accept(","));
        }
        t.expectClosing("]");
        return out;
    }

    private static int integer(Tokens t, String subject) {
        Token token = number(t, INTEGER, "an integer", subject);
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw GraphParseException.at(token, subject + ": " + token.text() + " is out of int range");
        }
    }

    private static double real(Tokens t, String subject) {
        return Double.parseDouble(number(t, REAL, "a number", subject).text());
    }

    private static Token number(Tokens t, Pattern form, String what, String subject) {
        Token token = t.peek();
        if (token.kind() != Token.Kind.WORD || !form.matcher(token.text()).matches()) {
            throw t.unexpected(what + " for " + subject);
        }
        return t.next();
    }

    private static boolean bool(Tokens t, String subject) {
        Token token = t.peek();
        if (!token.isWord("true") && !token.isWord("false")) {
            throw t.unexpected("true or false for " + subject);
        }
        return Boolean.parseBoolean(t.next().text());
    }

    private static Object enumConstant(Class<?> type, Tokens t, String subject) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Object c : type.getEnumConstants()) {
            byName.put(((Enum<?>) c).name().toLowerCase(Locale.ROOT), c);
        }
        Object found = byName.get(t.peek().kind() == Token.Kind.WORD ? t.peek().text() : null);
        if (found == null) {
            throw t.unexpected(Closest.oneOf(byName.keySet()) + " for " + subject);
        }
        t.next();
        return found;
    }

    /** One record of a sealed interface, by its snake_case name: {@code xavier_uniform(fan_in=3, ...)}. */
    private static Object choice(Class<?> sealed, Tokens t, String subject) {
        String kindName = snake(sealed.getSimpleName());
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            kinds.put(snake(c.getSimpleName()), c);
        }
        Token name = t.expectWord(kindName + " for " + subject);
        Class<?> kind = kinds.get(name.text());
        if (kind == null) {
            throw GraphParseException.at(name, "unknown " + kindName + " " + name.describe()
                    + Closest.hintOrList(name.text(), kinds.keySet()));
        }
        t.expect("(", "after " + name.describe());
        return fields(kind, t, ")", name.text() + " argument");
    }

    static String components(Record r) {
        StringBuilder sb = new StringBuilder();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(snake(c.getName())).append('=').append(value(read(c, r)));
        }
        return sb.toString();
    }

    static String value(Object v) {
        if (v instanceof Record r) {
            return snake(r.getClass().getSimpleName()) + "(" + components(r) + ")";
        }
        if (v instanceof double[] d) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < d.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(d[i]);
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(list.get(i));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (v instanceof Shape || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof String name) {
            return Tokens.asWord(name);
        }
        throw new IllegalArgumentException("attribute value of unsupported type " + v.getClass().getName());
    }

    /** camelCase or PascalCase to snake_case: {@code transposeA -> transpose_a}, {@code LinearDefault -> linear_default}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read attribute " + c.getName(), e);
        }
    }
}
