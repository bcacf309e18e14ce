package io.chainrule.ir.scalar;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one table of elementwise semantics: for every op computed element by element (the unary, binary, comparison and
 * select kinds), the {@link Computes} method of {@link ScalarOps} (or {@link FloatMath} or {@link FloatComparisons}
 * for an f32 method of its own). The interpreter maps its handle over tensors, constant folding applies it, and the fused-loop emitter calls
 * the same method from generated code, so the three cannot disagree. A missing method fails here, at class
 * initialization, naming the op.
 */
public final class ScalarFunctions {
    private static final Map<OpCode, Method> DOUBLE = new EnumMap<>(OpCode.class);
    private static final Map<OpCode, Method> FLOAT = new EnumMap<>(OpCode.class);
    /** Made once per op, dtype and attributes: building a handle costs far more than an element. */
    private static final Map<List<Object>, MethodHandle> HANDLES = new ConcurrentHashMap<>();

    static {
        for (Class<?> owner : new Class<?>[] {ScalarOps.class, FloatMath.class, FloatComparisons.class}) {
            for (Method m : owner.getDeclaredMethods()) {
                Computes c = m.getAnnotation(Computes.class);
                if (c != null && Modifier.isStatic(m.getModifiers())) {
                    Map<OpCode, Method> table = m.getReturnType() == float.class ? FLOAT : DOUBLE;
                    if (table.put(c.value(), m) != null) {
                        throw new IllegalStateException("two methods compute " + c.value().text());
                    }
                }
            }
        }
        for (OpCode op : OpCode.values()) {
            if (isScalar(op) && !DOUBLE.containsKey(op)) {
                throw new IllegalStateException(op.text() + " is elementwise but no ScalarOps method computes it");
            }
        }
    }

    private ScalarFunctions() {
    }

    /** Whether {@code op} is computed element by element from its operands' elements and its attributes. */
    public static boolean isScalar(OpCode op) {
        return switch (op.kind()) {
            case UNARY, BINARY, COMPARE, SELECT -> true;
            case SOURCE, REDUCE, LAYOUT, LOSS, OTHER -> false;
        };
    }

    /** The method computing one element of {@code op} in {@code dtype}: f32's float method if any, else the double one. */
    public static Method method(OpCode op, DType dtype) {
        Method m = dtype == DType.F32 ? FLOAT.getOrDefault(op, DOUBLE.get(op)) : DOUBLE.get(op);
        if (m == null) {
            throw new IllegalArgumentException(op.text() + " is not elementwise");
        }
        return m;
    }

    /**
     * {@code op}'s function of its operands for {@code dtype}, attributes bound, as a handle taking and returning
     * doubles (an f32 method's float arguments and result converted exactly).
     */
    public static MethodHandle handle(OpCode op, DType dtype, Attrs attrs) {
        return HANDLES.computeIfAbsent(List.of(op, dtype, attrs), k -> newHandle(op, dtype, attrs));
    }

    private static MethodHandle newHandle(OpCode op, DType dtype, Attrs attrs) {
        Method m = method(op, dtype);
        try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(m);
            double[] bound = attributeArguments(attrs);
            for (int i = 0; i < bound.length; i++) {
                h = MethodHandles.insertArguments(h, op.arity(), bound[i]);
            }
            MethodType doubles = MethodType.methodType(double.class, java.util.Collections.nCopies(op.arity(),
                    double.class).toArray(new Class<?>[0]));
            return MethodHandles.explicitCastArguments(h, doubles);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(m + " is not public", e);
        }
    }

    /** {@code op} applied to {@code operands} in {@code dtype} (not rounded to it): what constant folding computes. */
    public static double apply(OpCode op, DType dtype, Attrs attrs, double... operands) {
        MethodHandle h = handle(op, dtype, attrs).asSpreader(double[].class, operands.length);
        try {
            return (double) h.invoke(operands);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values a {@link Computes} method takes after the operands: the attribute record's double components. */
    public static double[] attributeArguments(Attrs attrs) {
        RecordComponent[] components = attrs.getClass().getRecordComponents();
        return java.util.Arrays.stream(components).filter(c -> c.getType() == double.class).mapToDouble(c -> {
            try {
                return (double) c.getAccessor().invoke(attrs);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).toArray();
    }
}
