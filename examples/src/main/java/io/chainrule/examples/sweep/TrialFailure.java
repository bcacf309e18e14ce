package io.chainrule.examples.sweep;

/** A sweep's trial failed: the message names its configuration and what went wrong. */
public final class TrialFailure extends RuntimeException {
    private final transient Object config;

    TrialFailure(Object config, Throwable cause) {
        super("trial " + config + " failed: " + cause, cause);
        this.config = config;
    }

    /** The configuration whose trial failed. */
    public Object config() {
        return config;
    }
}
