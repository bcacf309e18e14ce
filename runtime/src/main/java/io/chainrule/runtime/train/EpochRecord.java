package io.chainrule.runtime.train;

/**
 * What one epoch did: the mean training loss, the loss and accuracy on the validation set ({@code validation}, null
 * when training had none), and how long it took.
 */
public record EpochRecord(int epoch, double trainLoss, Evaluation validation, double seconds,
                          double examplesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,validation_loss,validation_accuracy,seconds,examples_per_second";

    String csv() {
        String v = validation == null ? "," : validation.loss() + "," + validation.accuracy();
        return epoch + "," + trainLoss + "," + v + "," + seconds + "," + examplesPerSecond;
    }
}
