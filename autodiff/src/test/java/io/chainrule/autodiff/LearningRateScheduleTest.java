package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.autodiff.LearningRateSchedule.Constant;
import io.chainrule.autodiff.LearningRateSchedule.CosineAnnealing;
import io.chainrule.autodiff.LearningRateSchedule.StepDecay;
import io.chainrule.autodiff.LearningRateSchedule.Unit;
import io.chainrule.autodiff.LearningRateSchedule.Warmup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedules against torch.optim.lr_scheduler's closed forms, worked out by hand here: StepLR
 * lr gamma^floor(epoch / step_size), CosineAnnealingLR eta_min + (lr - eta_min)(1 + cos(pi epoch / t_max)) / 2,
 * LinearLR lr (start + (1 - start) min(step, n) / n) followed, as SequentialLR does, by another schedule.
 */
class LearningRateScheduleTest {
    private static final double TOL = 1e-15;

    private static void assertRates(LearningRateSchedule s, double[] expected, int[] epochs, long[] steps) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.rate(0.1, epochs[i], steps[i]), TOL,
                    s.describe() + " at epoch " + epochs[i] + ", step " + steps[i]);
        }
    }

    private static void assertEpochRates(LearningRateSchedule s, double... expected) {
        int[] epochs = new int[expected.length];
        long[] steps = new long[expected.length];
        for (int e = 0; e < expected.length; e++) {
            epochs[e] = e;
            steps[e] = 50L * e + 7;
        }
        assertRates(s, expected, epochs, steps);
    }

    @Test
    void constantIsTheOptimizersRate() {
        assertEpochRates(new Constant(), 0.1, 0.1, 0.1);
    }

    @Test
    void stepDecayMultipliesByGammaEveryStepSizeEpochs() {
        assertEpochRates(new StepDecay(3, 0.5), 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025);
    }

    @Test
    void cosineAnnealingFollowsTheClosedFormAndRisesPastTMax() {
        // cos(pi/4) = 0.7071067811865476: 0.01 + 0.09 * 0.8535533905932737 and 0.01 + 0.09 * 0.14644660940672627
        assertEpochRates(new CosineAnnealing(4, 0.01), 0.1, 0.08681980515339464, 0.055, 0.023180194846605364, 0.01,
                0.023180194846605364, 0.055);
        assertEpochRates(new CosineAnnealing(2, 0), 0.1, 0.05, 0.0, 0.05, 0.1);
    }

    @Test
    void warmupRisesLinearlyOverItsStepsThenHandsOver() {
        Warmup w = new Warmup(4, 0.25, new StepDecay(1, 0.5));
        // steps 0-3: 0.1 (0.25 + 0.75 k / 4); step 2 of epoch 1 is still warming up; then StepLR at epochs 0, 1, 2
        assertRates(w, new double[] {0.025, 0.04375, 0.0625, 0.08125, 0.0625, 0.1, 0.05, 0.025},
                new int[] {0, 0, 0, 0, 1, 0, 1, 2}, new long[] {0, 1, 2, 3, 2, 4, 10, 20});
    }

    @Test
    void eachSaysWhetherItCountsEpochsOrSteps() {
        assertEquals(List.of(Unit.EPOCHS, Unit.EPOCHS, Unit.EPOCHS, Unit.STEPS),
                List.of(new Constant().counts(), new StepDecay(1, 0.1).counts(), new CosineAnnealing(5, 0).counts(),
                        new Warmup(10, 0.1, new Constant()).counts()));
    }

    @Test
    void describeWritesTheParameters() {
        assertEquals("constant()", new Constant().describe());
        assertEquals("step(step_size=10, gamma=0.1)", new StepDecay(10, 0.1).describe());
        assertEquals("cosine(t_max=10, eta_min=0.0)", new CosineAnnealing(10, 0).describe());
        assertEquals("warmup(steps=100, start_factor=0.01, then=cosine(t_max=50, eta_min=1.0E-5))",
                new Warmup(100, 0.01, new CosineAnnealing(50, 1e-5)).describe());
    }

    @Test
    void parseReadsWhatDescribeWrites() {
        for (LearningRateSchedule s : List.of(new Constant(), new StepDecay(7, 0.3), new CosineAnnealing(50, 1e-5),
                new Warmup(100, 1.0 / 3, new Constant()), new Warmup(1000, 0.01, new CosineAnnealing(90, 0.001)),
                new Warmup(3, 1, new StepDecay(2, 0.9)))) {
            assertEquals(s, LearningRateSchedule.parse(s.describe()), s.describe());
        }
    }

    @Test
    void parseReadsTheCommandLineForm() {
        assertEquals(new Constant(), LearningRateSchedule.parse("constant"));
        assertEquals(new StepDecay(10, 0.1), LearningRateSchedule.parse("step:10,0.1"));
        assertEquals(new StepDecay(10, 0.1), LearningRateSchedule.parse("step:10"));
        assertEquals(new StepDecay(5, 0.5), LearningRateSchedule.parse(" step:5, 0.5 "));
        assertEquals(new CosineAnnealing(50, 0), LearningRateSchedule.parse("cosine:50"));
        assertEquals(new CosineAnnealing(50, 1e-4), LearningRateSchedule.parse("cosine:50,1e-4"));
        assertEquals(new Warmup(100, 1.0 / 3, new Constant()), LearningRateSchedule.parse("warmup:100"));
        assertEquals(new Warmup(100, 1.0 / 3, new CosineAnnealing(50, 0)),
                LearningRateSchedule.parse("warmup:100,cosine:50"));
        assertEquals(new Warmup(100, 0.01, new StepDecay(10, 0.5)),
                LearningRateSchedule.parse("warmup:100,0.01,step:10,0.5"));
    }

    private static void assertRefused(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.parse(text));
        assertEquals("learning-rate schedule '" + text + "': " + problem, e.getMessage());
    }

    @Test
    void textThatIsNoScheduleIsRefusedSayingWhatWasExpected() {
        String forms = "constant, step:STEP_SIZE[,GAMMA], cosine:T_MAX[,ETA_MIN] or "
                + "warmup:STEPS[,START_FACTOR][,SCHEDULE]";
        assertRefused("", "empty; expected " + forms);
        assertRefused("cosin:50", "unknown schedule 'cosin'; expected " + forms);
        assertRefused("5,cosine:50", "'5' is not a schedule; expected " + forms);
        assertRefused("step:x", "'x' is not a whole number");
        assertRefused("cosine:50,fast", "unknown schedule 'fast'; expected " + forms);
        assertRefused("cosine:50,0.1x", "'0.1x' is not a number");
        assertRefused("step", "step takes step:STEP_SIZE[,GAMMA], got 0 values");
        assertRefused("step:10,0.1,3", "step takes step:STEP_SIZE[,GAMMA], got 3 values");
        assertRefused("cosine:50,warmup:100", "cosine must come last; only a warm-up is followed by another schedule");
        assertRefused("warmup:10,warmup:20", "a warm-up is followed by constant, step or cosine, not a warm-up");
        assertRefused("cosine:0", "t_max must be at least 1, got 0");
        assertRefused("step:0", "step_size must be at least 1, got 0");
        assertRefused("step:2,-0.5", "gamma must be finite and not negative, got -0.5");
        assertRefused("warmup:10,0", "start_factor must be in (0, 1], got 0.0");
        assertRefused("warmup:0,cosine:5", "warm-up steps must be at least 1, got 0");
        assertRefused("cosine(t_max=10)", "expected cosine(t_max=..., eta_min=...), got keys t_max");
        assertRefused("cosine(t_max=10.5, eta_min=0.0)", "t_max is '10.5', not a whole number");
        assertRefused("cosine(t_max=10, eta_min=0.0", "expected name(key=value, ...)");
        assertRefused("linear(steps=10)", "unknown schedule 'linear'; expected constant, step, cosine or warmup");
        assertRefused("warmup(steps=10, start_factor=0.5, then=cosine)",
                "then 'cosine': expected name(key=value, ...)");
        assertRefused("warmup(steps=10, start_factor=0.5, then=cosine(t_max=0, eta_min=0.0))",
                "then 'cosine(t_max=0, eta_min=0.0)': t_max must be at least 1, got 0");
    }

    @Test
    void aNegativeEpochOrStepIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CosineAnnealing(5, 0).rate(0.1, -1, 0));
        assertEquals("epoch and step count from 0, got epoch -1, step 0", e.getMessage());
    }
}
