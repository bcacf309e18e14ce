import static io.chainrule.ir.nn.F.flatten;
import static io.chainrule.ir.nn.F.logSoftmax;
import static io.chainrule.ir.nn.F.relu;

import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Input;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Network;

/**
 * The lesson's MultilayerPerceptron for MNIST, 784-120-84-10, as its PyTorch class reads:
 * <pre>
 * class MultilayerPerceptron(nn.Module):
 *     def __init__(self, in_sz=784, out_sz=10, layers=[120, 84]):
 *         super().__init__()
 *         self.fc1 = nn.Linear(in_sz, layers[0])
 *         self.fc2 = nn.Linear(layers[0], layers[1])
 *         self.out = nn.Linear(layers[1], out_sz)
 *
 *     def forward(self, x):
 *         x = F.relu(self.fc1(x))
 *         x = F.relu(self.fc2(x))
 *         x = self.out(x)
 *         return F.log_softmax(x, dim=1)
 * </pre>
 * The loss (cross-entropy) is not the network's: the model adds it, as the lesson's training loop does.
 */
@Input(shape = {1, 28, 28}, task = "classification", batch = 100)
public class MultilayerPerceptron implements Network {
    final Linear fc1;
    final Linear fc2;
    final Linear out;

    public MultilayerPerceptron() {
        this(784, 10, new int[] {120, 84});
    }

    public MultilayerPerceptron(int inSz, int outSz, int[] layers) {
        fc1 = new Linear("fc1", inSz, layers[0]);
        fc2 = new Linear("fc2", layers[0], layers[1]);
        out = new Linear("out", layers[1], outSz);
    }

    @Override
    public Value forward(Value x) {
        x = flatten(x); // the lesson flattens in its training loop: X_train.view(100, -1)
        x = relu(fc1.apply(x));
        x = relu(fc2.apply(x));
        x = out.apply(x);
        return logSoftmax(x, 1);
    }
}
