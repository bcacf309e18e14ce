package io.chainrule.examples.sweep;

import java.io.Serializable;

/**
 * What became of one configuration of a sweep: its result, or the error that stopped it (a diverging loss, parameters
 * it cannot train with). A sweep goes on past a failed trial: the failure is a row of its table like any other.
 */
public sealed interface TrialOutcome extends Serializable permits TrialOutcome.Finished, TrialOutcome.Failed {
    FitTrial trial();

    /** The trial trained to its last epoch. */
    record Finished(FitResult result) implements TrialOutcome {
        @Override
        public FitTrial trial() {
            return result.trial();
        }
    }

    /** The trial stopped with {@code error}, one line saying what went wrong. */
    record Failed(FitTrial trial, String error) implements TrialOutcome {
    }

    /** Runs {@code trial}; an exception it throws becomes a {@link Failed} outcome (an Error still propagates). */
    static TrialOutcome of(FitTrial trial) {
        try {
            return new Finished(trial.run());
        } catch (RuntimeException e) {
            return new Failed(trial, e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }
}
