import static io.chainrule.ir.nn.F.sigmoid;
import static io.chainrule.ir.nn.F.tanh;

import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Input;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Network;

/** XOR of two inputs: 2-4-1, tanh then sigmoid, trained on the four cases with mean squared error. */
@Input(shape = {2}, task = "regression", batch = 4)
public class XorNet implements Network {
    final Linear fc1 = new Linear("fc1", 2, 4);
    final Linear fc2 = new Linear("fc2", 4, 1);

    @Override
    public Value forward(Value x) {
        return sigmoid(fc2.apply(tanh(fc1.apply(x))));
    }
}
