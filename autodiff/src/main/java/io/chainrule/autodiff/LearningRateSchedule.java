package io.chainrule.autodiff;

import java.util.Objects;

/**
 * How the learning rate changes over training, with torch.optim.lr_scheduler's formulas in closed form. A training
 * graph built to read its learning rate ({@link TrainingGraph#build(io.chainrule.ir.Graph, String, Optimizer,
 * Gradients.Options, boolean)}) is fed {@link #rate} before each step, so one compiled step serves every rate.
 *
 * <p>Text forms: {@link #describe()} writes {@code cosine(t_max=50, eta_min=0.0)}, and {@link #parse} reads that or
 * the command line's shorter form: {@code constant}, {@code step:STEP_SIZE[,GAMMA]}, {@code cosine:T_MAX[,ETA_MIN]},
 * {@code warmup:STEPS[,START_FACTOR][,SCHEDULE]}, for example {@code step:10,0.1} or {@code warmup:100,cosine:50}.
 */
public sealed interface LearningRateSchedule {

    /** What a schedule counts: its rate changes only between epochs, or between any two steps. */
    enum Unit {
        /** The rate changes only between epochs. */
        EPOCHS,
        /** The rate may change between any two steps. */
        STEPS
    }

    /**
     * The learning rate for a step.
     *
     * @param baseLr the optimizer's learning rate
     * @param epoch  the epoch the step is in, from 0
     * @param step   the optimizer steps done before this one, over all epochs
     */
    double rate(double baseLr, int epoch, long step);

    /** EPOCHS when the rate changes only between epochs (a caller may compute it once an epoch), else STEPS. */
    Unit counts();

    /** The schedule and its parameters, as {@link #parse} reads them back: {@code step(step_size=10, gamma=0.1)}. */
    String describe();

    /**
     * The schedule {@code text} writes, in either form (see the class comment).
     *
     * @throws IllegalArgumentException quoting the text and saying what was expected
     */
    static LearningRateSchedule parse(String text) {
        return ScheduleText.parse(text);
    }

    private static void checkCounts(int epoch, long step) {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("epoch and step count from 0, got epoch " + epoch + ", step " + step);
        }
    }

    /** The optimizer's rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double baseLr, int epoch, long step) {
            checkCounts(epoch, step);
            return baseLr;
        }

        @Override
        public Unit counts() {
            return Unit.EPOCHS;
        }

        @Override
        public String describe() {
            return "constant()";
        }
    }

    /**
     * torch's StepLR: the rate times {@code gamma} every {@code stepSize} epochs.
     *
     * @param stepSize the epochs between two decays, at least 1
     * @param gamma    the factor each decay multiplies the rate by
     */
    record StepDecay(int stepSize, double gamma) implements LearningRateSchedule {
        public StepDecay {
            if (stepSize < 1) {
                throw new IllegalArgumentException("step_size must be at least 1, got " + stepSize);
            }
            Hyperparameters.checkNonNegative("gamma", gamma);
        }

        @Override
        public double rate(double baseLr, int epoch, long step) {
            checkCounts(epoch, step);
            return baseLr * Math.pow(gamma, epoch / stepSize);
        }

        @Override
        public Unit counts() {
            return Unit.EPOCHS;
        }

        @Override
        public String describe() {
            return "step(step_size=" + stepSize + ", gamma=" + gamma + ")";
        }
    }

    /**
     * torch's CosineAnnealingLR in closed form: eta_min + (lr - eta_min) (1 + cos(pi epoch / t_max)) / 2, down to
     * {@code etaMin} at epoch {@code tMax}; after that it rises again, as torch's does.
     *
     * @param tMax   the epochs to the lowest rate, at least 1
     * @param etaMin the lowest rate
     */
    record CosineAnnealing(int tMax, double etaMin) implements LearningRateSchedule {
        public CosineAnnealing {
            if (tMax < 1) {
                throw new IllegalArgumentException("t_max must be at least 1, got " + tMax);
            }
            Hyperparameters.checkNonNegative("eta_min", etaMin);
        }

        @Override
        public double rate(double baseLr, int epoch, long step) {
            checkCounts(epoch, step);
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
        }

        @Override
        public Unit counts() {
            return Unit.EPOCHS;
        }

        @Override
        public String describe() {
            return "cosine(t_max=" + tMax + ", eta_min=" + etaMin + ")";
        }
    }

    /**
     * torch's LinearLR for the first {@code steps} optimizer steps, the factor rising from {@code startFactor} to 1,
     * then {@code then}, as SequentialLR chains them. {@code then} is asked for the rate with the epoch and step
     * counted from the start of training (a warm-up is usually a part of the first epoch, where an epoch schedule
     * still gives the optimizer's rate).
     *
     * @param steps       the optimizer steps the warm-up lasts, at least 1
     * @param startFactor the share of the rate the first step uses, in (0, 1]
     * @param then        the schedule after the warm-up: constant, step or cosine
     */
    record Warmup(long steps, double startFactor, LearningRateSchedule then) implements LearningRateSchedule {
        public Warmup {
            if (steps < 1) {
                throw new IllegalArgumentException("warm-up steps must be at least 1, got " + steps);
            }
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new IllegalArgumentException("start_factor must be in (0, 1], got " + startFactor);
            }
            Objects.requireNonNull(then, "then");
            if (then instanceof Warmup) {
                throw new IllegalArgumentException("a warm-up is followed by constant, step or cosine, not a warm-up");
            }
        }

        @Override
        public double rate(double baseLr, int epoch, long step) {
            checkCounts(epoch, step);
            return step < steps ? baseLr * (startFactor + (1 - startFactor) * step / steps)
                    : then.rate(baseLr, epoch, step);
        }

        @Override
        public Unit counts() {
            return Unit.STEPS;
        }

        @Override
        public String describe() {
            return "warmup(steps=" + steps + ", start_factor=" + startFactor + ", then=" + then.describe() + ")";
        }
    }
}
