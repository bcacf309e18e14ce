package io.chainrule.ir.text;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Flatten;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;

/** Graphs to print and parse back. */
final class SampleGraphs {
    private SampleGraphs() {
    }

    /** The MNIST MLP of the examples: flatten, two linear layers, cross-entropy. */
    static Graph mnistMlp() {
        GraphBuilder b = new GraphBuilder("mnist_mlp");
        Value x = b.input("x", DType.F32, 100, 1, 28, 28);
        Value y = b.input("y", DType.I32, 100);
        Value logits = new Sequential(new Flatten(), new Linear("fc1", 784, 120), Value::relu,
                new Linear("fc2", 120, 10)).apply(x);
        b.output("logits", logits);
        b.output("loss", logits.crossEntropy(y));
        return b.build();
    }

    /** Every op, every initializer, awkward constants, named and unnamed nodes, with and without origins. */
    static Graph allOps() {
        GraphBuilder b = new GraphBuilder("all_ops");
        Value x = b.input("x", DType.F32, 4, 3);
        Value labels = b.input("labels", DType.I32, 4);
        Value target = b.source(OpCode.INPUT, Attrs.NONE, TensorType.of(DType.F32, 4, 3), "target", null);
        Value w = b.parameter("layer.0.weight", new Initializer.XavierUniform(3, 3, 1.0), 3, 3);
        Value bias = b.parameter("layer.0.bias", new Initializer.Zeros(), 3);
        b.parameter("p.fill", new Initializer.Fill(0.5), 2);
        b.parameter("p.uniform", new Initializer.Uniform(-0.1, 0.1), 2);
        b.parameter("p.normal", new Initializer.Normal(0.0, 0.02), 2);
        b.parameter("p.kaiming_uniform", new Initializer.KaimingUniform(3, Initializer.RELU_GAIN), 2);
        b.parameter("p.kaiming_normal", new Initializer.KaimingNormal(3, Initializer.RELU_GAIN), DType.F64, 2);
        b.parameter("p.xavier_normal", new Initializer.XavierNormal(3, 4, 1.0), 2);
        b.parameter("p.linear_default", new Initializer.LinearDefault(784), 2);
        Value count = b.state("opt.step", new Initializer.Zeros(), DType.F32);
        b.update("opt.step", count.add(1));
        b.constant(TensorType.of(DType.F64, 2, 3), 0.1, 1e-8, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
        b.constant(TensorType.of(DType.F32, 2, 2), Double.MIN_VALUE);

        Value h = x.neg().abs().exp().log().log1p().sqrt().square().reciprocal().tanh().sigmoid().relu()
                .leakyRelu(0.2).gelu().geluTanh().silu().erf().step();
        h = h.add(x).sub(1.5).mul(x).div(x).maximum(0.0);
        h.eq(target).ne(target).lt(target).le(target).gt(target).ge(target).where(h, target);
        h.sum(1);
        h.meanKeepDims();
        h.maxKeepDims(-1, 0);
        h.argmax(1);
        h = b.applyAt(OpCode.MATMUL, new Attrs.MatMul(false, true), "layer.0", "derived from layer.0 (by hand)", h, w);
        h = h.add(bias.broadcastTo(4, 3)).named("layer.0.add");
        h.permute(1, 0).reshape(12).reshape(3, 4);
        Value logProbs = h.logSoftmax(1);
        Value probs = h.softmax(-1);
        labels.oneHot(3, DType.F64);
        h.gather(labels);
        b.output("ce", h.crossEntropy(labels));
        b.output("nll", logProbs.loss(OpCode.NLL_LOSS, labels, Attrs.Reduction.SUM));
        b.output("mse", probs.loss(OpCode.MSE_LOSS, target, Attrs.Reduction.NONE));
        b.output("bce", probs.bceLoss(target));
        return b.build();
    }
}
