package io.chainrule.ir.source;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import io.chainrule.ir.nn.Layer;
import java.lang.reflect.Array;

/** The runtime class of a declared type, for conversions and arrays; null where the reader need not know it. */
final class Types {
    private Types() {
    }

    static Class<?> resolve(Type type, Program program) {
        if (type instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case BOOLEAN -> boolean.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
                default -> null;
            };
        }
        if (type instanceof ArrayType a) {
            Class<?> component = resolve(a.getComponentType(), program);
            return Array.newInstance(component == null ? Object.class : component, 0).getClass();
        }
        if (type instanceof ClassOrInterfaceType c) {
            String name = c.getNameWithScope();
            return program.userClass(name).<Class<?>>map(u -> u.network() ? Layer.class : Object.class)
                    .or(() -> Library.find(name)).orElse(null);
        }
        return null;
    }

    /** The class of an array's elements: a type the reader does not know holds any object. */
    static Class<?> component(Type type, Program program) {
        Class<?> c = resolve(type, program);
        return c == null ? Object.class : c;
    }
}
