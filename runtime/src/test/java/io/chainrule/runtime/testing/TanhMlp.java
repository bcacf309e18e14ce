package io.chainrule.runtime.testing;

import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Linear;

/** The small MLP that tests of both backends train and differentiate, as a graph of its own. */
public final class TanhMlp {
    private TanhMlp() {
    }

    /**
     * x [batch, in] -> Linear fc1 (in -> hidden) -> tanh -> Linear fc2 (hidden -> out), MSE against the input
     * {@code y} [batch, out]: output {@code loss}.
     */
    public static Graph graph(DType dtype, int batch, int in, int hidden, int out) {
        GraphBuilder b = new GraphBuilder("mlp");
        Value x = b.input("x", dtype, batch, in);
        Value y = b.input("y", dtype, batch, out);
        Value prediction = new Linear("fc2", hidden, out).apply(new Linear("fc1", in, hidden).apply(x).tanh());
        return b.output("loss", prediction.mseLoss(y)).build();
    }
}
