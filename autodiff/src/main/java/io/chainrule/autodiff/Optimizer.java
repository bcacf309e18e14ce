package io.chainrule.autodiff;

import io.chainrule.ir.Value;
import java.util.List;

/**
 * An optimizer as an update subgraph: for each parameter it appends the nodes computing the parameter's new value
 * (and its state's) from the gradient, with torch.optim's formulas and defaults.
 */
public sealed interface Optimizer permits Sgd, Adam {

    /**
     * The optimizer called {@code name} (any case) with torch.optim's defaults: {@code sgd}, {@code momentum} and
     * {@code nesterov} (SGD with momentum 0.9), {@code adam}, {@code adamw} (weight decay 0.01).
     *
     * @throws IllegalArgumentException for another name, listing these
     */
    static Optimizer of(String name, double lr) {
        return OptimizerNames.of(name, lr);
    }

    /** The names {@link #of} knows. */
    static List<String> names() {
        return OptimizerNames.NAMES;
    }

    /**
     * The optimizer {@link #describe()} described: {@code parse(o.describe())} equals {@code o}.
     *
     * @throws IllegalArgumentException quoting the text, when it is not such a description
     */
    static Optimizer parse(String description) {
        return OptimizerNames.parse(description);
    }

    /**
     * Appends the update of {@code param} (a parameter node) from its gradient {@code grad}; {@code step} is the
     * 1-based number of this step (a scalar of the parameter's dtype), for bias corrections; {@code lr} is used
     * wherever torch.optim's formula reads the learning rate.
     */
    void update(Value param, Value grad, Value step, LearningRate lr);

    /** As {@link #update(Value, Value, Value, LearningRate)} with this optimizer's own learning rate, a constant. */
    default void update(Value param, Value grad, Value step) {
        update(param, grad, step, new LearningRate.Constant(lr()));
    }

    /** The learning rate given when this optimizer was made. */
    double lr();

    /** The short name, as origins of update nodes show it: {@code adam}. */
    default String name() {
        return describe().substring(0, describe().indexOf('('));
    }

    /**
     * The hyperparameters, as the text IR and logs show them and {@link #parse} reads them:
     * {@code adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.0)}.
     */
    String describe();
}
