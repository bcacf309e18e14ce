package io.chainrule.autodiff;

import io.chainrule.ir.Initializer;
import io.chainrule.ir.Value;

/**
 * torch.optim.SGD: with weight decay g += wd p; with momentum the buffer starts as the first gradient, then
 * buf = mu buf + (1 - dampening) g, and the step uses buf (or g + mu buf with Nesterov); p -= lr g. The buffer is the
 * state {@code <param>.momentum_buffer}, PyTorch's name for it.
 *
 * @param lr          the learning rate
 * @param momentum    the momentum factor, mu; 0 for plain SGD
 * @param dampening   the share of the gradient held back from the buffer
 * @param nesterov    whether the step is Nesterov's (needs a momentum and no dampening)
 * @param weightDecay the L2 penalty added to the gradient; 0 for none
 */
public record Sgd(double lr, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements Optimizer {

    public Sgd {
        Hyperparameters.checkNonNegative("learning rate", lr);
        Hyperparameters.checkNonNegative("momentum", momentum);
        Hyperparameters.checkNonNegative("weight decay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    /** Plain SGD: no momentum, no weight decay. */
    public static Sgd of(double lr) {
        return new Sgd(lr, 0, 0, false, 0);
    }

    /** SGD with momentum (PyTorch's, without dampening). */
    public static Sgd momentum(double lr, double momentum) {
        return new Sgd(lr, momentum, 0, false, 0);
    }

    /** SGD with Nesterov momentum. */
    public static Sgd nesterov(double lr, double momentum) {
        return new Sgd(lr, momentum, 0, true, 0);
    }

    @Override
    public void update(Value param, Value grad, Value step, LearningRate lr) {
        String name = param.node().name();
        Value g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Value buf = param.builder().state(name + ".momentum_buffer", new Initializer.Zeros(), param.dtype(),
                    param.shape().dims());
            Value next = buf.mul(momentum).add(g.mul(1 - dampening));
            if (dampening != 0) {
                Value first = step.le(param.builder().constant(1, step.dtype()));
                next = first.mul(g).add(first.neg().add(1).mul(next));
            }
            param.builder().update(buf.node().name(), next);
            g = nesterov ? g.add(next.mul(momentum)) : next;
        }
        param.builder().update(name, param.sub(g.mul(lr.like(g))));
    }

    @Override
    public String describe() {
        return "sgd(lr=" + lr + ", momentum=" + momentum + ", dampening=" + dampening + ", nesterov=" + nesterov
                + ", weight_decay=" + weightDecay + ")";
    }
}
