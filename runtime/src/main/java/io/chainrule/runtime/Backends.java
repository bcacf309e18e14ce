package io.chainrule.runtime;

import java.util.ServiceLoader;

/**
 * The backend to run on when the caller names none: the first one registered as a service (codegen provides the
 * compiled backend, in its module descriptor for the module path and in {@code
 * META-INF/services/io.chainrule.runtime.Backend} for the class path), else the interpreter. Runtime cannot name the
 * compiled backend itself, since codegen depends on runtime.
 */
public final class Backends {
    private Backends() {
    }

    /** A new instance of the preferred backend. */
    public static Backend preferred() {
        return ServiceLoader.load(Backend.class).findFirst().orElseGet(Interpreter::new);
    }
}
