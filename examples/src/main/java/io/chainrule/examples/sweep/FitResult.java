package io.chainrule.examples.sweep;

import java.io.Serializable;

/**
 * What a {@link FitTrial} measured: the network's size, its final error on the held-out points, the error of the best
 * constant predictor there (the targets' variance), and the error after every epoch against the training time so far.
 *
 * @param mse          mean squared error on the held-out points after the last epoch
 * @param constantMse  the best constant predictor's mean squared error on the same points
 * @param seconds      training time: the training thread's CPU time, compiling the step included and the
 *                     per-epoch measurement not ({@link TrainingCpuTime})
 * @param epochSeconds training time by the end of each epoch
 * @param epochMse     the held-out error at the end of each epoch
 */
public record FitResult(FitTrial trial, long parameters, double mse, double constantMse, double seconds,
                        double[] epochSeconds, double[] epochMse) implements Serializable {

    /** The error relative to the constant predictor's, 1 - R^2: 1 for a network that learned nothing. */
    public double relativeError() {
        return mse / constantMse;
    }
}
