package io.chainrule.runtime;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Shape;
import io.chainrule.ir.ShapeRules;
import io.chainrule.ir.TensorType;
import io.chainrule.runtime.kernels.ArgMax;
import io.chainrule.runtime.kernels.Labels;
import io.chainrule.runtime.kernels.Losses;
import io.chainrule.runtime.kernels.Reduce;
import io.chainrule.runtime.kernels.ReductionLayout;
import io.chainrule.runtime.kernels.Softmax;
import java.util.List;

/**
 * The interpreter's side of the kernel library ({@code runtime.kernels}): each op that is not elementwise runs the
 * kernel compiled steps call, with the same arguments, on the tensors' arrays, into a fresh output. f32 thus gives the
 * compiled bits by construction; f64 (gradient checks) runs the kernels' double overloads.
 */
final class ArrayKernels {
    private ArrayKernels() {
    }

    /** Sum, mean or max over {@code axes}: the contiguous kernels for f32 when they apply, as the compiler does. */
    static Tensor reduce(OpCode op, Tensor x, List<Integer> axes, TensorType type) {
        ReductionLayout l = new ReductionLayout(x.shape().dims(), ShapeRules.reduceAxes(x.shape(), axes));
        Tensor out = Tensor.zeros(type);
        switch (floating(x)) {
            case F32 -> {
                float[] in = x.floats();
                float[] o = out.floats();
                if (l.contiguous()) {
                    switch (op) {
                        case SUM -> Reduce.sum(in, o, l.outer(), l.n(), l.inner());
                        case MEAN -> Reduce.mean(in, o, l.outer(), l.n(), l.inner());
                        default -> Reduce.max(in, o, l.outer(), l.n(), l.inner());
                    }
                } else {
                    switch (op) {
                        case SUM -> Reduce.sumStrided(in, o, l.inDims(), l.outStrides());
                        case MEAN -> Reduce.meanStrided(in, o, l.inDims(), l.outStrides(), l.count());
                        default -> Reduce.maxStrided(in, o, l.inDims(), l.outStrides());
                    }
                }
            }
            default -> {
                switch (op) {
                    case SUM -> Reduce.sumStrided(x.doubles(), out.doubles(), l.inDims(), l.outStrides());
                    case MEAN -> Reduce.meanStrided(x.doubles(), out.doubles(), l.inDims(), l.outStrides(), l.count());
                    default -> Reduce.maxStrided(x.doubles(), out.doubles(), l.inDims(), l.outStrides());
                }
            }
        }
        return out;
    }

    static Tensor argmax(Tensor x, int axis, TensorType type) {
        ReductionLayout l = along(x.shape(), axis);
        Tensor out = Tensor.zeros(type);
        switch (floating(x)) {
            case F32 -> ArgMax.argmax(x.floats(), out.ints(), l.outer(), l.n(), l.inner());
            default -> ArgMax.argmax(x.doubles(), out.ints(), l.outer(), l.n(), l.inner());
        }
        return out;
    }

    static Tensor softmax(Tensor x, int axis, boolean log) {
        ReductionLayout l = along(x.shape(), axis);
        Tensor out = Tensor.zeros(x.type());
        switch (floating(x)) {
            case F32 -> {
                if (log) {
                    Softmax.logSoftmax(x.floats(), out.floats(), 0, l.outer(), l.n(), l.inner());
                } else {
                    Softmax.softmax(x.floats(), out.floats(), 0, l.outer(), l.n(), l.inner());
                }
            }
            default -> {
                if (log) {
                    Softmax.logSoftmax(x.doubles(), out.doubles(), 0, l.outer(), l.n(), l.inner());
                } else {
                    Softmax.softmax(x.doubles(), out.doubles(), 0, l.outer(), l.n(), l.inner());
                }
            }
        }
        return out;
    }

    static Tensor oneHot(Tensor labels, int classes, TensorType type) {
        Tensor out = Tensor.zeros(type);
        switch (floating(out)) {
            case F32 -> Labels.oneHot(labels.ints(), out.floats(), labels.size(), classes);
            default -> Labels.oneHot(labels.ints(), out.doubles(), labels.size(), classes);
        }
        return out;
    }

    static Tensor gather(Tensor x, Tensor labels, TensorType type) {
        Tensor out = Tensor.zeros(type);
        int rows = x.shape().dim(0);
        int cols = x.shape().dim(1);
        switch (floating(x)) {
            case F32 -> Labels.gather(x.floats(), labels.ints(), out.floats(), rows, cols);
            default -> Labels.gather(x.doubles(), labels.ints(), out.doubles(), rows, cols);
        }
        return out;
    }

    /** The four losses; {@code y} holds labels (cross-entropy, NLL) or targets (MSE, BCE). */
    static Tensor loss(OpCode op, Tensor x, Tensor y, Reduction r, TensorType type) {
        Tensor out = Tensor.zeros(type);
        int rows = x.shape().rank() == 2 ? x.shape().dim(0) : 0;
        int cols = x.shape().rank() == 2 ? x.shape().dim(1) : 0;
        boolean f32 = floating(x) == DType.F32;
        switch (op) {
            case CROSS_ENTROPY -> {
                if (f32) {
                    Losses.crossEntropy(x.floats(), y.ints(), out.floats(), rows, cols, r);
                } else {
                    Losses.crossEntropy(x.doubles(), y.ints(), out.doubles(), rows, cols, r);
                }
            }
            case NLL_LOSS -> {
                if (f32) {
                    Losses.nllLoss(x.floats(), y.ints(), out.floats(), rows, cols, r);
                } else {
                    Losses.nllLoss(x.doubles(), y.ints(), out.doubles(), rows, cols, r);
                }
            }
            case MSE_LOSS -> {
                if (f32) {
                    Losses.mseLoss(x.floats(), y.floats(), out.floats(), x.size(), r);
                } else {
                    Losses.mseLoss(x.doubles(), y.doubles(), out.doubles(), x.size(), r);
                }
            }
            default -> {
                if (f32) {
                    Losses.bceLoss(x.floats(), y.floats(), out.floats(), x.size(), r);
                } else {
                    Losses.bceLoss(x.doubles(), y.doubles(), out.doubles(), x.size(), r);
                }
            }
        }
        return out;
    }

    private static DType floating(Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException("expected a floating tensor, got " + t.type());
        }
        return t.dtype();
    }

    /** [outer, n, inner] around one axis: the view the lane kernels (softmax, argmax) take. */
    private static ReductionLayout along(Shape shape, int axis) {
        return new ReductionLayout(shape.dims(), new int[] {shape.axis(axis)});
    }
}
