package io.chainrule.ir.nn;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;

/**
 * y = x W^T + b, as nn.Linear: parameters {@code <name>.weight} shaped [out, in] (PyTorch's layout, read transposed by
 * the matmul without a copy) and {@code <name>.bias} shaped [out], both initialized by PyTorch's default
 * U(-1/sqrt(in), 1/sqrt(in)) unless given. The matmul node is named {@code <name>}, the bias add {@code <name>.add}.
 *
 * @param name       the layer's name, its parameters' prefix
 * @param in         the input features
 * @param out        the output features
 * @param bias       whether the layer adds a bias
 * @param weightInit how the weight starts
 * @param biasInit   how the bias starts (unused without a bias)
 */
public record Linear(String name, int in, int out, boolean bias, Initializer weightInit, Initializer biasInit)
        implements Module {

    /** With a bias, and PyTorch's default initialization. */
    public Linear(String name, int in, int out) {
        this(name, in, out, true);
    }

    /** With PyTorch's default initialization. */
    public Linear(String name, int in, int out, boolean bias) {
        this(name, in, out, bias, new Initializer.LinearDefault(in), new Initializer.LinearDefault(in));
    }

    @Override
    public Value apply(Value x) {
        Value w = x.builder().parameter(name + ".weight", weightInit, x.dtype(), out, in);
        Value y = x.builder().apply(OpCode.MATMUL, new Attrs.MatMul(false, true), name, x, w);
        if (!bias) {
            return y;
        }
        Value b = x.builder().parameter(name + ".bias", biasInit, x.dtype(), out);
        return y.add(b).named(name + ".add");
    }
}
