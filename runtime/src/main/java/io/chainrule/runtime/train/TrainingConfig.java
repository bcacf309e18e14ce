package io.chainrule.runtime.train;

/**
 * How to train: epochs of shuffled mini-batches (a last batch smaller than the others is dropped, so one compiled step
 * serves every batch), early stopping after {@code patience} epochs without a better validation loss (0: off), and
 * optionally a check after every step of its loss and of the parameters and state it updated, which names the node
 * that first produced a NaN or an infinity.
 *
 * @param evalBatchSize examples per evaluation batch; a remainder is evaluated as one smaller batch (a second
 *                      compiled variant), so every example counts
 */
public record TrainingConfig(int epochs, int batchSize, long seed, int patience, int evalBatchSize,
                             boolean checkFinite) {
    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || evalBatchSize < 1 || patience < 0) {
            throw new IllegalArgumentException("epochs and batch sizes must be at least 1 and patience at least 0: "
                    + "epochs " + epochs + ", batch size " + batchSize + ", evaluation batch size " + evalBatchSize
                    + ", patience " + patience);
        }
    }
}
