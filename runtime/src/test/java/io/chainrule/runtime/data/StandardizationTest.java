package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    private static Dataset iris() throws IOException {
        return Csv.read(DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, "iris.csv"), Csv.options());
    }

    @Test
    void aSmallSetByHand() {
        // feature 0: 1, 2, 3, 6: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, variance 14 / 4 = 3.5
        // feature 1: 0, 0, 4, 4: mean 2, variance 4, std 2; feature 2: constant 0.1
        Dataset d = Dataset.regression(new float[][] {{1, 0, 0.1f}, {2, 0, 0.1f}, {3, 4, 0.1f}, {6, 4, 0.1f}},
                new float[4]);
        Standardization s = Standardization.fit(d);
        assertArrayEquals(new float[] {3, 2, 0.1f}, s.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(3.5), 2, 1}, s.std());
    }

    @Test
    void irisAsScikitLearnsStandardScaler() throws IOException {
        Standardization s = Standardization.fit(iris());
        // StandardScaler().fit(load_iris().data): mean_ and scale_ (computed here in float64 by numpy)
        double[] mean = {5.84333333, 3.05733333, 3.758, 1.19933333};
        double[] scale = {0.82530129, 0.43441097, 1.75940407, 0.75969263};
        for (int i = 0; i < 4; i++) {
            assertEquals(mean[i], s.mean()[i], 1e-6, "mean " + i);
            assertEquals(scale[i], s.std()[i], 1e-6, "std " + i);
        }
    }

    @Test
    void standardizedIrisHasMeanZeroAndStdOne() throws IOException {
        Dataset iris = iris();
        Standardization s = Standardization.fit(iris);
        for (int f = 0; f < iris.featureCount(); f++) {
            double sum = 0;
            double squares = 0;
            for (int e = 0; e < iris.size(); e++) {
                double z = (iris.features(e)[f] - s.mean()[f]) / s.std()[f];
                sum += z;
                squares += z * z;
            }
            assertEquals(0, sum / iris.size(), 1e-6, "mean of feature " + f);
            assertEquals(1, Math.sqrt(squares / iris.size()), 1e-6, "std of feature " + f);
        }
    }

    @Test
    void aViewFitsAsACopyOfItsExamplesWould() throws IOException {
        Dataset.Split split = iris().split(0.2, 7);
        Dataset train = split.train();
        Standardization fromView = Standardization.fit(train);
        assertEquals(Standardization.fit(Dataset.classification(train.featureTensor(), train.targetTensor())),
                fromView);
        assertNotEquals(Standardization.fit(iris()), fromView, "the training split only");
    }

    @Test
    void nothingNonFiniteAndNoEmptySet() {
        assertEquals("cannot fit a standardization on no examples", assertThrows(IllegalArgumentException.class,
                () -> Standardization.fit(Dataset.regression(Tensor.of(new float[0], 0, 2), Tensor.of(new float[0],
                        0)))).getMessage());
        assertEquals("feature 1 of example 0 is NaN: cannot standardize non-finite values", assertThrows(
                IllegalArgumentException.class, () -> Standardization.fit(Dataset.regression(new float[][] {
                        {1, Float.NaN}}, new float[1]))).getMessage());
        assertEquals("the std of feature 1 must be positive and finite, got 0.0", assertThrows(
                IllegalArgumentException.class, () -> new Standardization(new float[2], new float[] {1, 0}))
                .getMessage());
        assertEquals("2 means but 1 standard deviations", assertThrows(IllegalArgumentException.class,
                () -> new Standardization(new float[2], new float[] {1})).getMessage());
    }

    @Test
    void theArraysAreCopiesAndEqualityIsByValue() {
        float[] mean = {1, 2};
        Standardization s = new Standardization(mean, new float[] {3, 4});
        mean[0] = 9;
        s.mean()[1] = 9;
        assertArrayEquals(new float[] {1, 2}, s.mean());
        assertEquals(new Standardization(new float[] {1, 2}, new float[] {3, 4}), s);
        assertEquals(new Standardization(new float[] {1, 2}, new float[] {3, 4}).hashCode(), s.hashCode());
    }
}
