package io.chainrule.autodiff;

import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Origin;
import io.chainrule.ir.Value;

/**
 * The perceptron's own learning rule as an update graph, no gradient involved: {@code w <- w + eta (y - yhat) x} and
 * {@code b <- b + eta (y - yhat)}, summed over the batch. Adds the input {@code target} (f32 [N, out]) and the output
 * {@code mistakes}, the number of wrong predictions in the batch.
 */
public final class PerceptronRule {
    private PerceptronRule() {
    }

    /**
     * @param prediction the output holding yhat, [N, out], 0 or 1
     * @param input      the input x, [N, in]
     * @param weight     the weight parameter, [out, in]
     * @param bias       the bias parameter, [out]
     */
    public static Graph build(Graph forward, String prediction, String input, String weight, String bias,
                              double eta) {
        GraphBuilder b = GraphBuilder.extend(forward, forward.name() + "_perceptron");
        Value yhat = b.value(forward.output(prediction).id());
        Value x = b.value(forward.find(input).orElseThrow().id());
        Value w = b.value(forward.find(weight).orElseThrow().id());
        Value bv = b.value(forward.find(bias).orElseThrow().id());
        b.withOrigin(new Origin.Update("perceptron(eta=" + eta + ")"), () -> {
            Value y = b.input("target", yhat.dtype(), yhat.shape().dims());
            Value err = y.sub(yhat);
            b.update(weight, w.add(err.matmul(x, true, false).mul(eta)));
            b.update(bias, bv.add(err.sum(0).mul(eta)));
            b.output("mistakes", err.abs().sum());
            return null;
        });
        return b.build();
    }
}
