import static io.chainrule.ir.nn.F.tanh;

import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Input;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Network;

/** sin(10x) on [0, 1]: 1-32-32-1 with tanh, a regression with mean squared error. */
@Input(shape = {1}, task = "regression", batch = 64)
public class SinRegressor implements Network {
    static final int HIDDEN = 32;

    final Linear fc1 = new Linear("fc1", 1, HIDDEN);
    final Linear fc2 = new Linear("fc2", HIDDEN, HIDDEN);
    final Linear fc3 = new Linear("fc3", HIDDEN, 1);

    @Override
    public Value forward(Value x) {
        x = tanh(fc1.apply(x));
        x = tanh(fc2.apply(x));
        return fc3.apply(x);
    }
}
