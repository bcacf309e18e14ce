package io.chainrule.runtime;

import java.util.ServiceLoader;

/**
 * The backend to run on when the caller names none: the first one registered as a service ({@code
 * META-INF/services/io.chainrule.runtime.Backend}; codegen registers the compiled backend), else the interpreter.
 * Runtime cannot name the compiled backend itself, since codegen depends on runtime.
 */
public final class Backends {
    private Backends() {
    }

    /** A new instance of the preferred backend. */
    public static Backend preferred() {
        return ServiceLoader.load(Backend.class).findFirst().orElseGet(Interpreter::new);
    }
}
