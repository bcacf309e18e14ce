package io.chainrule.runtime.model;

/**
 * Training cannot go on: a non-finite loss, or (when checking is on) an update that made a parameter or optimizer state
 * non-finite; with checking on, the message names the node that produced it.
 */
public final class TrainingException extends RuntimeException {
    TrainingException(String message) {
        super(message);
    }
}
