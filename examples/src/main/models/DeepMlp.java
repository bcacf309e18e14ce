import static io.chainrule.ir.nn.F.flatten;
import static io.chainrule.ir.nn.F.logSoftmax;
import static io.chainrule.ir.nn.F.relu;

import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Input;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Network;

/** A deeper MLP for MNIST whose hidden layers are an array, made and applied by loops over its widths. */
@Input(shape = {1, 28, 28}, task = "classification", batch = 100)
public class DeepMlp implements Network {
    static final int[] WIDTHS = {784, 256, 128, 64, 32, 10};

    final Linear[] hidden = new Linear[WIDTHS.length - 2];
    final Linear out;

    public DeepMlp() {
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = new Linear("fc" + (i + 1), WIDTHS[i], WIDTHS[i + 1]);
        }
        out = new Linear("out", WIDTHS[WIDTHS.length - 2], WIDTHS[WIDTHS.length - 1]);
    }

    @Override
    public Value forward(Value x) {
        x = flatten(x);
        for (Linear layer : hidden) {
            x = relu(layer.apply(x));
        }
        return logSoftmax(out.apply(x), 1);
    }
}
