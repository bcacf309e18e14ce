package io.chainrule.runtime;

import io.chainrule.ir.DType;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.TensorType;
import io.chainrule.ir.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link GradientCase}: inputs fed with given values, then the op's result reduced to a scalar as
 * {@code sum(y * r)} with a random constant r, so that every element's gradient differs (a plain sum would give a
 * uniform upstream gradient and hide a transposed or misplaced one).
 */
final class CaseGraph {
    private final GraphBuilder builder = new GraphBuilder("gradient_case");
    private final Map<String, Tensor> feeds = new LinkedHashMap<>();
    private final List<String> wrt = new ArrayList<>();
    private final RandomTensors rnd;

    CaseGraph(RandomTensors rnd) {
        this.rnd = rnd;
    }

    /** A floating input whose gradient is checked. */
    Value input(String name, Tensor value) {
        wrt.add(name);
        return fed(name, value);
    }

    /** i32 labels, fed but not differentiated. */
    Value labels(int n, int classes) {
        return fed("labels", rnd.labels(n, classes));
    }

    private Value fed(String name, Tensor value) {
        feeds.put(name, value);
        return builder.input(name, value.dtype(), value.shape().dims());
    }

    GradientCase lossOf(Value y) {
        TensorType type = new TensorType(DType.F64, y.shape());
        Value r = builder.constant(type, rnd.uniform(type.shape().dims(), -1, 1).doubles());
        Value weighted = y.mul(r);
        builder.output(GradientCase.LOSS, y.shape().rank() == 0 ? weighted : weighted.sum());
        return new GradientCase(y.node(), builder.build(), feeds, wrt);
    }
}
