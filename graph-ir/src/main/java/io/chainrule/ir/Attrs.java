package io.chainrule.ir;

import java.util.Arrays;
import java.util.List;

/**
 * The attributes of an op: one small record per kind. Components are limited to int, double, boolean, enums,
 * {@code List<Integer>}, {@link Shape}, {@code double[]} and {@link Initializer}, so that the text form prints and
 * parses every attribute generically (see {@code io.chainrule.ir.text.AttrText}); a new attribute record needs no
 * printer or parser change.
 */
public sealed interface Attrs {
    None NONE = new None();

    /** Ops without attributes. */
    record None() implements Attrs {
    }

    /** {@link OpCode#PARAMETER}: how the trainable tensor starts. */
    record Init(Initializer init) implements Attrs {
    }

    /** {@link OpCode#CONSTANT}: one value broadcast to the node's shape, or one value per element (row-major). */
    record Constant(double[] values) implements Attrs {
        public Constant {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Constant && Arrays.equals(values, ((Constant) o).values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Constant" + Arrays.toString(values);
        }
    }

    /** {@link OpCode#LEAKY_RELU}: the slope for negative inputs (PyTorch's negative_slope, default 0.01). */
    record Alpha(double alpha) implements Attrs {
    }

    /** Reductions: the axes to reduce (empty means all of them) and whether to keep them as size 1. */
    record Reduce(List<Integer> axes, boolean keepDims) implements Attrs {
        public Reduce {
            axes = List.copyOf(axes);
        }
    }

    /** {@link OpCode#ARGMAX}: the axis, and whether it stays as size 1. */
    record ArgMax(int axis, boolean keepDims) implements Attrs {
    }

    /** Softmax and log-softmax: the axis the probabilities sum to one along. */
    record Axis(int axis) implements Attrs {
    }

    /** {@link OpCode#MATMUL}: whether to read either operand transposed (in place, without a copy). */
    record MatMul(boolean transposeA, boolean transposeB) implements Attrs {
    }

    /** {@link OpCode#TRANSPOSE}: output axis i is input axis {@code perm.get(i)}. */
    record Permute(List<Integer> perm) implements Attrs {
        public Permute {
            perm = List.copyOf(perm);
        }
    }

    /** Reshape and broadcast: the target shape. */
    record Target(Shape shape) implements Attrs {
    }

    /** {@link OpCode#ONE_HOT}: the number of classes and the floating type of the 0/1 result. */
    record OneHot(int classes, DType dtype) implements Attrs {
    }

    /** Losses: how per-example losses combine, as PyTorch's {@code reduction=} argument. */
    record Loss(Reduction reduction) implements Attrs {
    }

    /** PyTorch's loss reductions; MEAN is the default everywhere, as in torch.nn. */
    enum Reduction {
        MEAN, SUM, NONE
    }
}
