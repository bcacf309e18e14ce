package io.chainrule.ir.source;

import java.lang.reflect.Array;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the method or constructor javac would pick for arguments of known runtime types (JLS 15.12.2): applicable
 * by widening and boxing first, by variable arity second, then the most specific; and packs variable arguments.
 */
final class Overloads {
    private static final Map<Class<?>, Class<?>> PRIMITIVE = Map.of(Integer.class, int.class, Long.class, long.class,
            Float.class, float.class, Double.class, double.class, Boolean.class, boolean.class);
    private static final List<Class<?>> WIDENING = List.of(int.class, long.class, float.class, double.class);

    /** A chosen executable and the arguments to invoke it with. */
    record Choice<E extends Executable>(E executable, Object[] arguments) {
    }

    private Overloads() {
    }

    /** The executable to call, or empty when none applies; two equally specific ones are ambiguous. */
    static <E extends Executable> Optional<Choice<E>> choose(List<E> candidates, Object[] args) {
        for (boolean varargs : new boolean[] {false, true}) {
            List<E> applicable = new ArrayList<>();
            for (E e : candidates) {
                if (varargs ? applicableByVarargs(e, args) : applicableByArity(e, args)) {
                    applicable.add(e);
                }
            }
            if (!applicable.isEmpty()) {
                E best = mostSpecific(applicable, args.length, varargs);
                return Optional.of(new Choice<>(best, varargs ? pack(best, args) : args));
            }
        }
        return Optional.empty();
    }

    /** Whether a value of {@code value}'s runtime type converts to {@code type} in an invocation or assignment. */
    static boolean assignable(Object value, Class<?> type) {
        if (type.isPrimitive()) {
            Class<?> from = value == null ? null : PRIMITIVE.get(value.getClass());
            return from != null && widens(from, type);
        }
        return value == null || type.isInstance(value);
    }

    /** Primitive widening among int, long, float, double (and boolean to itself). */
    static boolean widens(Class<?> from, Class<?> to) {
        if (from == to) {
            return true;
        }
        int f = WIDENING.indexOf(from);
        int t = WIDENING.indexOf(to);
        return f >= 0 && t >= 0 && f < t;
    }

    private static boolean applicableByArity(Executable e, Object[] args) {
        Class<?>[] params = e.getParameterTypes();
        if (params.length != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            if (!assignable(args[i], params[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean applicableByVarargs(Executable e, Object[] args) {
        if (!e.isVarArgs()) {
            return false;
        }
        Class<?>[] params = e.getParameterTypes();
        int fixed = params.length - 1;
        if (args.length < fixed) {
            return false;
        }
        Class<?> component = params[fixed].getComponentType();
        for (int i = 0; i < args.length; i++) {
            if (!assignable(args[i], i < fixed ? params[i] : component)) {
                return false;
            }
        }
        return true;
    }

    private static Object[] pack(Executable e, Object[] args) {
        Class<?>[] params = e.getParameterTypes();
        int fixed = params.length - 1;
        Object rest = Array.newInstance(params[fixed].getComponentType(), args.length - fixed);
        for (int i = fixed; i < args.length; i++) {
            Array.set(rest, i - fixed, args[i]);
        }
        Object[] packed = new Object[params.length];
        System.arraycopy(args, 0, packed, 0, fixed);
        packed[fixed] = rest;
        return packed;
    }

    /** The candidate whose parameter types all convert to every other's; the first one when there is none. */
    private static <E extends Executable> E mostSpecific(List<E> applicable, int arity, boolean varargs) {
        for (E e : applicable) {
            boolean specific = true;
            for (E other : applicable) {
                if (other != e && !moreSpecific(e, other, arity, varargs)) {
                    specific = false;
                    break;
                }
            }
            if (specific) {
                return e;
            }
        }
        return applicable.get(0);
    }

    private static boolean moreSpecific(Executable a, Executable b, int arity, boolean varargs) {
        for (int i = 0; i < arity; i++) {
            Class<?> pa = parameter(a, i, varargs);
            Class<?> pb = parameter(b, i, varargs);
            boolean converts = pa.isPrimitive() && pb.isPrimitive() ? widens(pa, pb) : pb.isAssignableFrom(pa);
            if (!converts) {
                return false;
            }
        }
        return true;
    }

    /** The type of argument i; when called by variable arity, the array's component for the trailing ones. */
    private static Class<?> parameter(Executable e, int i, boolean varargs) {
        Class<?>[] params = e.getParameterTypes();
        if (varargs && i >= params.length - 1) {
            return params[params.length - 1].getComponentType();
        }
        return params[i];
    }
}
