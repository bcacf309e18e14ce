package io.chainrule.runtime.train;

/** Training cannot go on: a non-finite loss (naming the node that produced it, when checking is on). */
public final class TrainingException extends RuntimeException {
    TrainingException(String message) {
        super(message);
    }
}
