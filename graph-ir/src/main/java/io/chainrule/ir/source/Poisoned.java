package io.chainrule.ir.source;

/**
 * Thrown through library code (a Sequential applying a network written in the source) when that network's forward
 * could not be read; the error is already reported, and the call that reached the library yields {@link Unknown}.
 */
final class Poisoned extends RuntimeException {
    Poisoned() {
        super(null, null, false, false);
    }
}
