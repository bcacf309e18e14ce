package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainrule.ir.Shape;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The real CSV datasets in the data directory's {@code tabular/}, found through {@link DataLocation} (a test fails
 * with the lookup's message when they are missing), against the figures in that directory's README.
 */
class TabularDataTest {
    private static Dataset read(String name) throws IOException {
        return Csv.read(DataLocation.of(null).file(Csv.TABULAR_DIRECTORY, name), Csv.options());
    }

    private static int[] classCounts(Dataset d) {
        int[] counts = new int[d.classes()];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    @Test
    void iris() throws IOException {
        Dataset iris = read("iris.csv");
        assertEquals(150, iris.size());
        assertEquals(Shape.of(4), iris.exampleShape());
        assertEquals(TargetKind.LABELS, iris.targetKind());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, classCounts(iris));
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.features(0));
        // samples 35 and 38, as scikit-learn corrected them in 2018
        assertArrayEquals(new float[] {4.9f, 3.1f, 1.5f, 0.2f}, iris.features(34));
        assertArrayEquals(new float[] {4.9f, 3.6f, 1.4f, 0.1f}, iris.features(37));
        assertEquals("iris.csv (150 rows)", iris.description());
    }

    @Test
    void wine() throws IOException {
        Dataset wine = read("wine_data.csv");
        assertEquals(178, wine.size());
        assertEquals(13, wine.featureCount());
        assertEquals(List.of("class_0", "class_1", "class_2"), wine.classNames());
        assertArrayEquals(new int[] {59, 71, 48}, classCounts(wine));
    }

    @Test
    void breastCancer() throws IOException {
        Dataset cancer = read("breast_cancer.csv");
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.featureCount());
        assertEquals(List.of("malignant", "benign"), cancer.classNames());
        assertArrayEquals(new int[] {212, 357}, classCounts(cancer));
        assertEquals(17.99f, cancer.features(0)[0]);
    }

    @Test
    void digitsCompressedWithoutAHeader() throws IOException {
        Dataset digits = read("digits.csv.gz");
        assertEquals(1797, digits.size());
        assertEquals(64, digits.featureCount());
        assertEquals(List.of(), digits.classNames());
        assertArrayEquals(IntStream.range(0, 10).toArray(), digits.rows(0, 10).targetTensor().ints());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, classCounts(digits));
        assertEquals(16f, IntStream.range(0, digits.size()).mapToDouble(i -> max(digits.features(i))).max()
                .orElseThrow(), 0);
    }

    @Test
    void optdigitsWithoutAHeader() throws IOException {
        Dataset optdigits = read("optdigits.tra");
        assertEquals(3823, optdigits.size());
        assertEquals(64, optdigits.featureCount());
        assertArrayEquals(new int[] {376, 389, 380, 389, 387, 376, 377, 387, 380, 382}, classCounts(optdigits));
    }

    private static float max(float[] values) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
