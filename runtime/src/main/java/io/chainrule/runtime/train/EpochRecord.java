package io.chainrule.runtime.train;

/** What one epoch did: the mean training loss, the validation loss and accuracy, and how long it took. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                          double seconds, double examplesPerSecond) {

    static final String CSV_HEADER = "epoch,train_loss,validation_loss,validation_accuracy,seconds,examples_per_second";

    String csv() {
        return epoch + "," + trainLoss + "," + validationLoss + "," + validationAccuracy + "," + seconds + ","
                + examplesPerSecond;
    }
}
