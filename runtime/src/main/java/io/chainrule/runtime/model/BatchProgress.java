package io.chainrule.runtime.model;

/**
 * Where training stands after a batch: the running mean loss of the epoch so far and its throughput.
 *
 * @param epoch the model's epoch count, 1-based (a resumed model goes on counting)
 * @param epochs the last epoch this fit will run
 * @param batch 1-based, of {@code batches} in the epoch
 * @param batches the batches in the epoch
 * @param loss the mean training loss of the epoch's batches so far
 * @param learningRate the rate this batch's step used
 * @param examplesPerSecond the examples trained on per second since the epoch began
 */
public record BatchProgress(int epoch, int epochs, int batch, int batches, double loss, double learningRate,
                            double examplesPerSecond) {
}
