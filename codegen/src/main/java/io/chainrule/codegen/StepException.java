package io.chainrule.codegen;

/** A compiled step failed; the message names the kernel and the nodes it computes, with their origins. */
public final class StepException extends RuntimeException {
    StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
