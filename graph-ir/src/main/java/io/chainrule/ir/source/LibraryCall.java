package io.chainrule.ir.source;

import io.chainrule.ir.Value;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A call the model source makes into graph-ir (or java.lang), made reflectively with the origin of the source
 * expression on every node it builds: the one implementation of each op, its shape checks included.
 */
final class LibraryCall {
    /** The library refused the call; its message says why (a shape mismatch names both shapes). */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Carries the library's exception out of the builder's origin scope. */
    private static final class Thrown extends RuntimeException {
        Thrown(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    private LibraryCall() {
    }

    /**
     * @param anchor a value the call takes, whose graph gets the origin; null when the call builds no node
     * @throws Failure  with the library's message
     * @throws Poisoned when a network of the source that the library applied could not be read
     */
    static Object invoke(Executable e, Object receiver, Object[] args, Value anchor, String origin) {
        Supplier<Object> body = () -> {
            try {
                return e instanceof Method m ? m.invoke(receiver, args) : ((Constructor<?>) e).newInstance(args);
            } catch (InvocationTargetException thrown) {
                throw new Thrown(thrown.getCause());
            } catch (ReflectiveOperationException impossible) {
                throw new IllegalStateException(impossible);
            }
        };
        try {
            return anchor == null ? body.get() : anchor.builder().withOrigin(origin, body);
        } catch (Thrown t) {
            Throwable cause = t.getCause();
            if (cause instanceof Poisoned p) {
                throw p;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof UnsupportedOperationException) {
                throw new Failure("this list cannot be changed (List.of makes an unmodifiable list; use new "
                        + "ArrayList<>())");
            }
            throw new Failure(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }

    /** {@code softmax(int)}, {@code Linear(String, int, int)}. */
    static String describe(Executable e) {
        String name = e instanceof Constructor<?> c ? c.getDeclaringClass().getSimpleName() : e.getName();
        return name + Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .reduce((a, b) -> a + ", " + b).map(s -> "(" + s + ")").orElse("()");
    }
}
