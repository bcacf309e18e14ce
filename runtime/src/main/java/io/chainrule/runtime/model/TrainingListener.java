package io.chainrule.runtime.model;

/**
 * Told about training as it happens, as Keras's callbacks are: after every batch and every epoch, and at the end of
 * a fit. The progress bar and the CSV history are listeners; so can a plot or a web page be. Listeners run on the
 * training thread, between steps: a slow one slows training.
 */
public interface TrainingListener {
    default void batchEnded(BatchProgress progress) {
    }

    default void epochEnded(EpochRecord record) {
    }

    default void fitEnded(History history) {
    }
}
