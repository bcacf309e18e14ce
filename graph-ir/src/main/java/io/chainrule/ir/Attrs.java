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

    /**
     * {@link OpCode#PARAMETER} and {@link OpCode#STATE}: how the tensor starts.
     *
     * @param init the initializer that samples the tensor's first values
     */
    record Init(Initializer init) implements Attrs {
    }

    /**
     * {@link OpCode#CONSTANT}: the constant's values.
     *
     * @param values one value broadcast to the node's shape, or one value per element (row-major); copied
     */
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

    /**
     * {@link OpCode#LEAKY_RELU}'s parameter.
     *
     * @param alpha the slope for negative inputs (PyTorch's negative_slope, default 0.01)
     */
    record Alpha(double alpha) implements Attrs {
    }

    /**
     * Reductions (sum, mean, max): which axes go.
     *
     * @param axes     the axes to reduce; empty means all of them
     * @param keepDims whether the reduced axes stay, as size 1
     */
    record Reduce(List<Integer> axes, boolean keepDims) implements Attrs {
        public Reduce {
            axes = List.copyOf(axes);
        }
    }

    /**
     * {@link OpCode#ARGMAX}: where to look for the largest element.
     *
     * @param axis     the axis searched
     * @param keepDims whether that axis stays, as size 1
     */
    record ArgMax(int axis, boolean keepDims) implements Attrs {
    }

    /**
     * Softmax and log-softmax: their axis.
     *
     * @param axis the axis the probabilities sum to one along
     */
    record Axis(int axis) implements Attrs {
    }

    /**
     * {@link OpCode#MATMUL}: whether to read either operand transposed (in place, without a copy).
     *
     * @param transposeA whether the product reads the left operand transposed
     * @param transposeB whether the product reads the right operand transposed
     */
    record MatMul(boolean transposeA, boolean transposeB) implements Attrs {
    }

    /**
     * {@link OpCode#TRANSPOSE}: the permutation of the axes.
     *
     * @param perm output axis i is input axis {@code perm.get(i)}
     */
    record Permute(List<Integer> perm) implements Attrs {
        public Permute {
            perm = List.copyOf(perm);
        }
    }

    /**
     * Reshape and broadcast: where they go.
     *
     * @param shape the target shape
     */
    record Target(Shape shape) implements Attrs {
    }

    /**
     * {@link OpCode#ONE_HOT}: the rows it makes.
     *
     * @param classes the number of classes, the rows' width
     * @param dtype   the floating type of the 0/1 result
     */
    record OneHot(int classes, DType dtype) implements Attrs {
    }

    /**
     * Losses: how per-example losses combine.
     *
     * @param reduction as PyTorch's {@code reduction=} argument
     */
    record Loss(Reduction reduction) implements Attrs {
    }

    /** PyTorch's loss reductions; MEAN is the default everywhere, as in torch.nn. */
    enum Reduction {
        MEAN, SUM, NONE
    }
}
