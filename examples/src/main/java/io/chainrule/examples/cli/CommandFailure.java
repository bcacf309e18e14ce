package io.chainrule.examples.cli;

/** A command failed for a reason its message says in full: printed as it is, without an exception's class name. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
