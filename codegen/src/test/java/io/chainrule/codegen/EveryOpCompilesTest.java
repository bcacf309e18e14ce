package io.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Attrs;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Node;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One graph that uses every op, compiled and run against the interpreter: a lowering missing from any table (the
 * fused loops' scalar functions, the library calls) fails here rather than when a user first compiles the op.
 */
class EveryOpCompilesTest {

    static Graph everyOp() {
        GraphBuilder b = new GraphBuilder("every_op");
        Value x = b.input("x", DType.F32, 4, 3);
        Value labels = b.input("labels", DType.I32, 4);
        Value w = b.parameter("w", new io.chainrule.ir.Initializer.Uniform(-1, 1), 3, 3);
        Value s = b.state("s", new io.chainrule.ir.Initializer.Zeros(), DType.F32, 4, 3);
        Value positive = x.add(0.5);
        Value h = positive.neg().abs().exp().log().log1p().sqrt().square().reciprocal().tanh().sigmoid().relu()
                .leakyRelu(0.2).gelu().geluTanh().silu().erf().step().add(x);
        h = h.sub(x).mul(x).div(positive).maximum(x);
        Value masks = h.eq(x).add(h.ne(x)).add(h.lt(x)).add(h.le(x)).add(h.gt(x)).add(h.ge(x));
        h = x.gt(0.5).where(h, masks);
        Value product = h.matmul(w).add(h.matmul(w, false, true)).add(h.permute(1, 0).matmul(w.permute(1, 0),
                true, true));
        Value layout = product.reshape(3, 4).permute(1, 0).add(x.sum(1).broadcastTo(3, 4).permute(1, 0));
        Value reduced = layout.mean(0).add(layout.max(0)).sum();
        Value probabilities = layout.softmax(1);
        Value logProbabilities = layout.logSoftmax(1);
        Value picked = logProbabilities.gather(labels).add(labels.oneHot(3, DType.F32).sum(1));
        Value losses = layout.crossEntropy(labels).add(logProbabilities.loss(OpCode.NLL_LOSS, labels,
                Attrs.Reduction.SUM)).add(probabilities.loss(OpCode.MSE_LOSS, x.sigmoid(), Attrs.Reduction.NONE)
                .sum()).add(probabilities.bceLoss(x.sigmoid()));
        b.output("loss", losses.add(reduced).add(picked.sum()));
        b.output("argmax", layout.argmax(1));
        b.update("s", s.add(probabilities));
        return b.build();
    }

    @Test
    void aGraphOfEveryOpCompilesAndMatchesTheInterpreter() {
        Graph g = everyOp();
        Set<OpCode> used = g.nodes().stream().map(Node::op).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(OpCode.class)));
        assertEquals(EnumSet.allOf(OpCode.class), used, "the graph must use every op");
        Differential.assertSameResults(g, 1, "every op");
    }
}
