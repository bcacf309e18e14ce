package io.chainrule.autodiff;

import io.chainrule.ir.Value;

/**
 * An optimizer's learning rate as its update graph reads it: a number, which becomes a constant of the graph, or the
 * training graph's scalar input {@link TrainingGraph#LEARNING_RATE}, which a schedule feeds each step. Optimizers
 * write their formulas once against this type; arithmetic on a number stays in double until {@link #like} makes it
 * a constant, so a constant learning rate rounds once, as a literal in the formula would.
 */
public sealed interface LearningRate {

    /** lr * c. */
    LearningRate times(double c);

    /** 1 - lr. */
    LearningRate oneMinus();

    /** The learning rate as a scalar of {@code x}'s graph and dtype, to combine with {@code x}. */
    Value like(Value x);

    /**
     * A number, folded into the graph as a constant where it is used.
     *
     * @param value the learning rate
     */
    record Constant(double value) implements LearningRate {
        @Override
        public LearningRate times(double c) {
            return new Constant(value * c);
        }

        @Override
        public LearningRate oneMinus() {
            return new Constant(1 - value);
        }

        @Override
        public Value like(Value x) {
            return x.builder().constant(value, x.dtype());
        }
    }

    /**
     * A scalar node of the training graph, read at run time.
     *
     * @param value the scalar node (the {@link TrainingGraph#LEARNING_RATE} input, or arithmetic on it)
     */
    record Input(Value value) implements LearningRate {
        public Input {
            if (value.shape().rank() != 0) {
                throw new IllegalArgumentException("a learning rate must be a scalar, got " + value);
            }
        }

        @Override
        public LearningRate times(double c) {
            return new Input(value.mul(c));
        }

        @Override
        public LearningRate oneMinus() {
            return new Input(value.builder().constant(1, value.dtype()).sub(value));
        }

        @Override
        public Value like(Value x) {
            return value;
        }
    }
}
