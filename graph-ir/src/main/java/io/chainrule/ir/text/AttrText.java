package io.chainrule.ir.text;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Shape;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * The text form of attributes, derived from the attribute records themselves: {@code {transpose_a=false,
 * transpose_b=true}}, nested records as {@code linear_default(fan_in=784)}. Component names are written in snake_case.
 */
public final class AttrText {
    private AttrText() {
    }

    /** {@code {k=v, ...}}, or the empty string for {@link Attrs.None}. */
    public static String print(Attrs attrs) {
        if (attrs instanceof Attrs.None) {
            return "";
        }
        return "{" + components((Record) attrs) + "}";
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
