package io.chainrule.runtime;

import static io.chainrule.runtime.Run.assertTensor;
import static io.chainrule.runtime.Run.dims;
import static io.chainrule.runtime.Run.f32;
import static io.chainrule.runtime.Run.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Attrs.Reduction;
import io.chainrule.ir.DType;
import io.chainrule.ir.OpCode;
import io.chainrule.ir.Value;
import org.junit.jupiter.api.Test;

/** The losses with each reduction, against torch.nn's formulas evaluated with mpmath. */
class LossesTest {
    private static final double TIGHT = 1e-15;

    private static Tensor loss(OpCode op, Reduction reduction, Tensor a, Tensor b) {
        return Run.binary(a, b, (x, y) -> x.loss(op, y, reduction));
    }

    @Test
    void crossEntropyFromLogits() {
        Tensor logits = f64(dims(2, 3), 1, 2, 3, 0, 0, 0);
        Tensor labels = Tensor.of(new int[] {2, 1}, 2);
        assertTensor(loss(OpCode.CROSS_ENTROPY, Reduction.NONE, logits, labels), dims(2), TIGHT,
                0.4076059644443803, 1.0986122886681098);
        assertTensor(loss(OpCode.CROSS_ENTROPY, Reduction.SUM, logits, labels), dims(), TIGHT, 1.50621825311249);
        assertTensor(loss(OpCode.CROSS_ENTROPY, Reduction.MEAN, logits, labels), dims(), TIGHT, 0.753109126556245);
        assertTensor(Run.binary(logits, labels, Value::crossEntropy), dims(), TIGHT, 0.753109126556245);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor labels = Tensor.of(new int[] {0, 0}, 2);
        assertTensor(loss(OpCode.CROSS_ENTROPY, Reduction.NONE, f64(dims(2, 2), 1000, -1000, -1000, 1000), labels),
                dims(2), TIGHT, 0, 2000);
        Tensor f = loss(OpCode.CROSS_ENTROPY, Reduction.MEAN, f32(dims(2, 2), 1000, -1000, -1000, 1000), labels);
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(new float[] {1000}, f.floats());
    }

    @Test
    void nllLossOnLogProbabilities() {
        Tensor logProbs = f64(dims(2, 3), -0.5, -1, -2, -0.1, -3, -4);
        Tensor labels = Tensor.of(new int[] {1, 0}, 2);
        assertTensor(loss(OpCode.NLL_LOSS, Reduction.NONE, logProbs, labels), dims(2), TIGHT, 1, 0.1);
        assertTensor(loss(OpCode.NLL_LOSS, Reduction.SUM, logProbs, labels), dims(), TIGHT, 1.1);
        assertTensor(loss(OpCode.NLL_LOSS, Reduction.MEAN, logProbs, labels), dims(), TIGHT, 0.55);
    }

    @Test
    void logSoftmaxThenNllEqualsCrossEntropy() {
        Tensor logits = f64(dims(2, 3), 1, 2, 3, 0, 0, 0);
        Tensor labels = Tensor.of(new int[] {2, 1}, 2);
        assertTensor(Run.binary(logits, labels, (x, y) -> x.logSoftmax(1).nllLoss(y)), dims(), TIGHT,
                0.753109126556245);
    }

    @Test
    void mseLoss() {
        Tensor input = f64(dims(2, 2), 1, 2, 3, 4);
        Tensor target = f64(dims(2, 2), 1.5, 2, 2, 6);
        assertTensor(loss(OpCode.MSE_LOSS, Reduction.NONE, input, target), dims(2, 2), TIGHT, 0.25, 0, 1, 4);
        assertTensor(loss(OpCode.MSE_LOSS, Reduction.SUM, input, target), dims(), TIGHT, 5.25);
        assertTensor(loss(OpCode.MSE_LOSS, Reduction.MEAN, input, target), dims(), TIGHT, 1.3125);
        assertArrayEquals(new float[] {1.3125f}, Run.binary(f32(dims(4), 1, 2, 3, 4), f32(dims(4), 1.5f, 2, 2, 6),
                Value::mseLoss).floats());
    }

    @Test
    void bceLossClampsLogsAtMinus100() {
        Tensor p = f64(dims(6), 0.9, 0.2, 0, 1, 0, 0.6);
        Tensor t = f64(dims(6), 1, 0, 1, 0, 0, 0.3);
        assertTensor(loss(OpCode.BCE_LOSS, Reduction.NONE, p, t), dims(6), TIGHT,
                0.1053605156578263, 0.22314355131420976, 100, 100, 0, 0.7946511994417057);
        assertTensor(loss(OpCode.BCE_LOSS, Reduction.SUM, p, t), dims(), 1e-13, 201.12315526641373);
        assertTensor(loss(OpCode.BCE_LOSS, Reduction.MEAN, p, t), dims(), 1e-14, 33.52052587773562);
    }

    @Test
    void bceRejectsProbabilitiesOutsideTheUnitInterval() {
        InterpreterException e = assertThrows(InterpreterException.class,
                () -> Run.binary(f64(dims(2), 0.5, 1.5), f64(dims(2), 1, 0), Value::bceLoss));
        assertTrue(e.getMessage().endsWith(": input element 1 is 1.5, outside [0, 1]"), e.getMessage());
        InterpreterException target = assertThrows(InterpreterException.class,
                () -> Run.binary(f64(dims(1), 0.5), f64(dims(1), -1), Value::bceLoss));
        assertTrue(target.getMessage().endsWith(": target element 0 is -1.0, outside [0, 1]"), target.getMessage());
    }

    @Test
    void crossEntropyRejectsBadLabels() {
        InterpreterException e = assertThrows(InterpreterException.class,
                () -> Run.binary(f32(dims(2, 3), 1, 2, 3, 4, 5, 6), Tensor.of(new int[] {0, 7}, 2),
                        Value::crossEntropy));
        assertTrue(e.getMessage().endsWith(": label 7 in row 1 is out of range [0, 3)"), e.getMessage());
    }
}
