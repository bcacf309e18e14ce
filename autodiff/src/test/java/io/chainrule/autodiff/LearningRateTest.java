package io.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The optimizers refuse a learning rate that is negative or not a number, as torch.optim does. */
class LearningRateTest {
    static Stream<Arguments> optimizersAndRates() {
        Stream<DoubleFunction<Optimizer>> optimizers = Stream.of(Adam::of, Adam::adamW, Sgd::of,
                lr -> Sgd.momentum(lr, 0.9), lr -> Sgd.nesterov(lr, 0.9));
        return optimizers.flatMap(o -> Stream.of(-1e-3, Double.NaN, Double.POSITIVE_INFINITY)
                .map(lr -> Arguments.of(o, lr)));
    }

    @ParameterizedTest
    @MethodSource("optimizersAndRates")
    void aNegativeOrNonFiniteLearningRateIsRefused(DoubleFunction<Optimizer> optimizer, double lr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.apply(lr));
        assertEquals("learning rate must be finite and not negative, got " + lr, e.getMessage());
    }
}
