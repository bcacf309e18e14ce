package io.chainrule.runtime.model;

/**
 * Stops when the validation loss has not improved for {@code patience} epochs (0: never), remembering the best epoch,
 * whose parameters the fit keeps.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /** Records an epoch's validation loss; true when it is the best so far. */
    boolean improved(int epoch, double validationLoss) {
        if (validationLoss < best) {
            best = validationLoss;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    boolean shouldStop() {
        return patience > 0 && sinceBest >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }
}
