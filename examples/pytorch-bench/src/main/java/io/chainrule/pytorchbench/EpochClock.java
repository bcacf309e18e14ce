package io.chainrule.pytorchbench;

import io.chainrule.runtime.model.BatchProgress;
import io.chainrule.runtime.model.TrainingListener;

/**
 * Times chainrule's training loop from outside, as a user's listener would: the instant each batch ended, so a step
 * is one whole iteration of the loop (batch fill, step, loss read, listeners), the figure a user waits for.
 */
final class EpochClock implements TrainingListener {
    private final long[] ends;
    private final long start;
    private int batches;

    /** A clock started now, for at most {@code batches} batches. */
    EpochClock(int batches) {
        this.ends = new long[batches];
        this.start = System.nanoTime();
    }

    @Override
    public void batchEnded(BatchProgress progress) {
        ends[batches++] = System.nanoTime();
    }

    /** From the clock's start (before the fit) to the end of the first step: graph, compile, first step. */
    double firstStepMs() {
        return (ends[0] - start) / 1e6;
    }

    /** The median time between two batches' ends. */
    double stepMedianMs() {
        double[] steps = new double[batches - 1];
        for (int i = 1; i < batches; i++) {
            steps[i - 1] = (ends[i] - ends[i - 1]) / 1e6;
        }
        return Stats.median(steps);
    }
}
