package io.chainrule.autodiff;

import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;

/**
 * torch.optim.Adam and AdamW: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, then
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). Adam's weight decay adds wd p to the gradient; AdamW's
 * (decoupled) first scales p by 1 - lr wd. The moments are the states {@code <param>.exp_avg} and
 * {@code <param>.exp_avg_sq}, PyTorch's names for them.
 *
 * @param lr          the learning rate
 * @param beta1       the first moment's decay, b1
 * @param beta2       the second moment's decay, b2
 * @param eps         added to the denominator for stability
 * @param weightDecay the L2 penalty (Adam) or the decoupled decay rate (AdamW); 0 for none
 * @param decoupled   whether the decay is AdamW's, applied to the parameter, rather than Adam's, added to the gradient
 */
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled)
        implements Optimizer {

    public Adam {
        Hyperparameters.checkNonNegative("learning rate", lr);
        Hyperparameters.checkBeta("beta1", beta1);
        Hyperparameters.checkBeta("beta2", beta2);
        Hyperparameters.checkNonNegative("eps", eps);
        Hyperparameters.checkNonNegative("weight decay", weightDecay);
    }

    /** torch.optim.Adam's defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam defaults() {
        return of(1e-3);
    }

    /** torch.optim.Adam's defaults with the learning rate {@code lr}. */
    public static Adam of(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** torch.optim.AdamW with its default weight decay, 0.01. */
    public static Adam adamW(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8, 0.01, true);
    }

    @Override
    public void update(Value param, Value grad, Value step, LearningRate lr) {
        String name = param.node().name();
        int[] dims = param.shape().dims();
        Value p = decoupled && weightDecay != 0 ? param.mul(lr.times(weightDecay).oneMinus().like(param)) : param;
        Value g = !decoupled && weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        Value m = param.builder().state(name + ".exp_avg", new Initializer.Zeros(), param.dtype(), dims);
        Value v = param.builder().state(name + ".exp_avg_sq", new Initializer.Zeros(), param.dtype(), dims);
        Value m1 = m.mul(beta1).add(g.mul(1 - beta1));
        Value v1 = v.mul(beta2).add(g.square().mul(1 - beta2));
        Value correction1 = power(beta1, step).neg().add(1).reciprocal();
        Value stepSize = correction1.mul(lr.like(correction1));
        Value sqrtCorrection2 = power(beta2, step).neg().add(1).sqrt();
        Value denom = v1.sqrt().div(sqrtCorrection2).add(eps);
        param.builder().update(m.node().name(), m1);
        param.builder().update(v.node().name(), v1);
        param.builder().update(name, p.sub(m1.div(denom).mul(stepSize)));
    }

    /** base^t as exp(t ln base), for the bias corrections. */
    private static Value power(double base, Value t) {
        return t.mul(Math.log(base)).exp();
    }

    @Override
    public String describe() {
        return (decoupled ? "adamw" : "adam") + "(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weight_decay=" + weightDecay + ")";
    }
}
