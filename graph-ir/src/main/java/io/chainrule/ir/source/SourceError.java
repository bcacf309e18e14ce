package io.chainrule.ir.source;

/** An error in the construct being evaluated: the evaluator reports it at that construct and goes on. */
final class SourceError extends RuntimeException {
    SourceError(String message) {
        super(message, null, false, false);
    }
}
