package io.chainrule.runtime.model;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;

/**
 * How {@link Model#fit} trains, with Keras's and PyTorch's usual defaults: 10 epochs of shuffled batches of 32, the
 * model's last optimizer (Adam with lr 0.001 the first time), a constant learning rate, no early stopping.
 * Immutable: each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * FitOptions.defaults().epochs(50).batchSize(16).optimizer(Adam.of(0.01)).patience(5)
 * }</pre>
 *
 * @param epochs        the epochs to run, at least 1
 * @param batchSize     examples per training step, at least 1 (a smaller last batch is dropped)
 * @param optimizer     null: the optimizer the model last trained with (its state is then resumed), else Adam
 * @param schedule      null: the optimizer's learning rate throughout
 * @param seed          the shuffling's seed (the order of every epoch is a function of it and the epoch)
 * @param patience      stop after this many epochs without a better validation loss, keeping the best epoch's
 *                      parameters (0: off; needs a validation set)
 * @param evalBatchSize examples per evaluation batch (a remainder is one smaller batch, so every example counts)
 * @param checkFinite   check every step's loss and updated tensors, and name the node that first made a NaN or an
 *                      infinity (slower: it copies the state before each step)
 */
public record FitOptions(int epochs, int batchSize, Optimizer optimizer, LearningRateSchedule schedule, long seed,
                         int patience, int evalBatchSize, boolean checkFinite) {

    public FitOptions {
        if (epochs < 1 || batchSize < 1 || evalBatchSize < 1 || patience < 0) {
            throw new IllegalArgumentException("epochs and batch sizes must be at least 1 and patience at least 0: "
                    + "epochs " + epochs + ", batch size " + batchSize + ", evaluation batch size " + evalBatchSize
                    + ", patience " + patience);
        }
    }

    public static FitOptions defaults() {
        return new FitOptions(10, 32, null, null, 0, 0, 1000, false);
    }

    public FitOptions epochs(int n) {
        return new FitOptions(n, batchSize, optimizer, schedule, seed, patience, evalBatchSize, checkFinite);
    }

    public FitOptions batchSize(int n) {
        return new FitOptions(epochs, n, optimizer, schedule, seed, patience, evalBatchSize, checkFinite);
    }

    public FitOptions optimizer(Optimizer o) {
        return new FitOptions(epochs, batchSize, o, schedule, seed, patience, evalBatchSize, checkFinite);
    }

    public FitOptions schedule(LearningRateSchedule s) {
        return new FitOptions(epochs, batchSize, optimizer, s, seed, patience, evalBatchSize, checkFinite);
    }

    public FitOptions seed(long s) {
        return new FitOptions(epochs, batchSize, optimizer, schedule, s, patience, evalBatchSize, checkFinite);
    }

    public FitOptions patience(int p) {
        return new FitOptions(epochs, batchSize, optimizer, schedule, seed, p, evalBatchSize, checkFinite);
    }

    public FitOptions evalBatchSize(int n) {
        return new FitOptions(epochs, batchSize, optimizer, schedule, seed, patience, n, checkFinite);
    }

    public FitOptions checkFinite(boolean on) {
        return new FitOptions(epochs, batchSize, optimizer, schedule, seed, patience, evalBatchSize, on);
    }
}
