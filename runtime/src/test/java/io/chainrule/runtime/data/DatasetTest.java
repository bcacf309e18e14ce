package io.chainrule.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.ir.Shape;
import io.chainrule.runtime.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Five examples of two features, example i being (10i, 10i + 1) with label i. */
    private static Dataset five() {
        return Dataset.classification(new float[][] {{0, 1}, {10, 11}, {20, 21}, {30, 31}, {40, 41}},
                new int[] {0, 1, 2, 3, 4});
    }

    /** {@code n} examples of one feature, example i being (i) with label i. */
    private static Dataset numbered(int n) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new float[] {i};
        }
        return Dataset.classification(x, IntStream.range(0, n).toArray());
    }

    private static int[] labels(Dataset d) {
        return IntStream.range(0, d.size()).map(d::label).toArray();
    }

    private static String rejection(Runnable make) {
        return assertThrows(IllegalArgumentException.class, make::run).getMessage();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void classificationFromArraysOrTensors() {
        Dataset d = five();
        assertEquals(5, d.size());
        assertEquals(Shape.of(2), d.exampleShape());
        assertEquals(2, d.featureCount());
        assertEquals(TargetKind.LABELS, d.targetKind());
        assertEquals(5, d.classes());
        assertEquals(1, d.targetWidth());
        assertArrayEquals(new float[] {20, 21}, d.features(2));
        assertEquals(3, d.label(3));
        Dataset images = Dataset.classification(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 1, 2, 2),
                Tensor.of(new int[] {1, 0}, 2));
        assertEquals(Shape.of(1, 2, 2), images.exampleShape());
        assertEquals(4, images.featureCount());
        assertArrayEquals(new float[] {5, 6, 7, 8}, images.features(1));
        assertEquals("f32[2,1,2,2]", images.featureTensor().type().toString());
        assertArrayEquals(new int[] {1, 0}, images.targetTensor().ints());
    }

    @Test
    void regressionFromArraysOrTensors() {
        Dataset one = Dataset.regression(new float[][] {{1}, {2}, {3}}, new float[] {0.5f, -1, 2});
        assertEquals(TargetKind.VALUES, one.targetKind());
        assertEquals(1, one.targetWidth());
        assertEquals("f32[3,1]", one.targetTensor().type().toString());
        assertArrayEquals(new float[] {0.5f, -1, 2}, one.targetTensor().floats());
        Dataset two = Dataset.regression(new float[][] {{1}, {2}}, new float[][] {{1, 2}, {3, 4}});
        float[] into = new float[4];
        two.copyTargets(1, into, 2);
        assertArrayEquals(new float[] {0, 0, 3, 4}, into);
        Dataset tensors = Dataset.regression(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {7, 8},
                2));
        assertEquals(1, tensors.targetWidth());
        assertArrayEquals(new float[] {7, 8}, tensors.targetTensor().floats());
        assertEquals(2, Dataset.regression(Tensor.of(new float[2], 1, 2), Tensor.of(new float[2], 1, 2))
                .targetWidth());
    }

    @Test
    void theFactoriesCopyWhatTheyAreGiven() {
        float[][] x = {{1, 2}};
        int[] y = {0};
        Dataset d = Dataset.classification(x, y);
        x[0][0] = 99;
        y[0] = 5;
        assertArrayEquals(new float[] {1, 2}, d.features(0));
        assertEquals(0, d.label(0));
        Tensor features = Tensor.of(new float[] {3}, 1, 1);
        Tensor targets = Tensor.of(new float[] {4}, 1);
        Dataset r = Dataset.regression(features, targets);
        features.floats()[0] = -1;
        targets.floats()[0] = -1;
        assertArrayEquals(new float[] {3}, r.features(0));
        assertArrayEquals(new float[] {4}, r.targetTensor().floats());
    }

    @Test
    void shapesAndLabelsAreChecked() {
        assertEquals("2 feature rows but 3 labels", rejection(() -> Dataset.classification(new float[][] {{1}, {2}},
                new int[3])));
        assertEquals("features row 1 has 3 values, row 0 has 2", rejection(() -> Dataset.classification(
                new float[][] {{1, 2}, {1, 2, 3}}, new int[2])));
        assertEquals("features must have at least one value per example, row 0 has none", rejection(
                () -> Dataset.classification(new float[][] {{}}, new int[1])));
        assertEquals("no examples: an empty array of features has no row length (pass tensors shaped [0, ...] for an "
                + "empty dataset)", rejection(() -> Dataset.regression(new float[0][], new float[0])));
        assertEquals("label -1 of example 1: class labels must be 0 or more", rejection(
                () -> Dataset.classification(new float[][] {{1}, {2}}, new int[] {0, -1})));
        assertEquals("targets row 1 has 1 values, row 0 has 2", rejection(() -> Dataset.regression(
                new float[][] {{1}, {2}}, new float[][] {{1, 2}, {3}})));
        Tensor labels = Tensor.of(new int[] {0, 1}, 2);
        assertEquals("features must be f32 [n, ...], got f32[2]", rejection(() -> Dataset.classification(
                Tensor.of(new float[2], 2), labels)));
        assertEquals("features must be f32 [n, ...], got i32[2,1]", rejection(() -> Dataset.classification(
                Tensor.of(new int[2], 2, 1), labels)));
        assertEquals("labels must be i32 [n], got f32[2]", rejection(() -> Dataset.classification(
                Tensor.of(new float[4], 2, 2), Tensor.of(new float[2], 2))));
        assertEquals("2 feature rows but 3 targets", rejection(() -> Dataset.regression(Tensor.of(new float[4], 2, 2),
                Tensor.of(new float[3], 3))));
        assertEquals("targets must be f32 [n] or [n, k] with k at least 1, got i32[2]", rejection(
                () -> Dataset.regression(Tensor.of(new float[4], 2, 2), Tensor.of(new int[2], 2))));
        assertEquals("targets must be f32 [n] or [n, k] with k at least 1, got f32[2,0]", rejection(
                () -> Dataset.regression(Tensor.of(new float[4], 2, 2), Tensor.of(new float[0], 2, 0))));
    }

    @Test
    void nonFiniteFeaturesAreAllowed() {
        Dataset d = Dataset.regression(new float[][] {{Float.NaN, Float.POSITIVE_INFINITY}}, new float[] {1});
        assertTrue(Float.isNaN(d.features(0)[0]));
    }

    @Test
    void labelsAndTargetValuesAreForTheirKindOnly() {
        Dataset regression = Dataset.regression(new float[][] {{1}}, new float[] {2});
        assertEquals("a regression dataset has no class labels: its targets are real values",
                assertThrows(IllegalStateException.class, () -> regression.label(0)).getMessage());
        assertEquals("a regression dataset has no classes: its targets are real values",
                assertThrows(IllegalStateException.class, regression::classes).getMessage());
        assertEquals("a classification dataset's targets are class labels: use label(i)",
                assertThrows(IllegalStateException.class, () -> five().copyTargets(0, new float[1], 0)).getMessage());
        assertEquals("example 5 of 5", assertThrows(IndexOutOfBoundsException.class, () -> five().label(5))
                .getMessage());
    }

    @Test
    void rowsSelectAndHoldOutLastAreViews() {
        Dataset all = five();
        Dataset middle = all.rows(1, 3);
        assertArrayEquals(new int[] {1, 2}, labels(middle));
        assertArrayEquals(new float[] {10, 11, 20, 21}, middle.featureTensor().floats());
        assertArrayEquals(new int[] {2}, labels(middle.rows(1, 2)));
        assertEquals(0, all.rows(2, 2).size());
        assertEquals("rows [3, 6) are outside the 5 examples",
                assertThrows(IndexOutOfBoundsException.class, () -> all.rows(3, 6)).getMessage());
        Dataset picked = all.select(4, 0, 4);
        assertArrayEquals(new int[] {4, 0, 4}, labels(picked));
        assertArrayEquals(new int[] {0, 4}, labels(picked.select(1, 2)));
        assertArrayEquals(new float[] {40, 41}, picked.rows(2, 3).features(0));
        assertEquals("example 5 of 5", assertThrows(IndexOutOfBoundsException.class, () -> all.select(1, 5))
                .getMessage());
        Dataset.Split split = all.holdOutLast(2);
        assertArrayEquals(new int[] {0, 1, 2}, labels(split.train()));
        assertArrayEquals(new int[] {3, 4}, labels(split.validation()));
        assertArrayEquals(new float[] {30, 31, 40, 41}, split.validation().featureTensor().floats());
        assertEquals("cannot hold out 6 of 5 examples", rejection(() -> all.holdOutLast(6)));
    }

    @Test
    void viewsCopyNoExamples() {
        // 4 MB of features: a view holds at most an index of its 10,000 examples, 40 KB
        int n = 10_000;
        Dataset big = Dataset.classification(Tensor.of(new float[n * 100], n, 100), Tensor.of(new int[n], n));
        List<Supplier<Object>> views = List.of(() -> big.holdOutLast(5000), () -> big.rows(10, n),
                () -> big.split(0.2, 1), () -> big.shuffled(3), () -> big.select(IntStream.range(0, n).toArray()),
                () -> big.normalized(1, 2), () -> big.withClassNames(List.of("a")), () -> big.describedAs("big"));
        for (Supplier<Object> view : views) {
            long before = allocatedBytes();
            Object made = view.get();
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 100_000, made + ": " + allocated + " bytes allocated");
        }
    }

    @Test
    void shuffledIsAPermutationDrawnFromTheSeed() {
        Dataset all = numbered(50);
        int[] a = labels(all.shuffled(7));
        assertArrayEquals(a, labels(all.shuffled(7)));
        assertFalse(Arrays.equals(a, labels(all.shuffled(8))), "seeds 7 and 8");
        assertFalse(Arrays.equals(a, labels(all)), "shuffled at all");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(labels(all), sorted);
        Dataset view = all.rows(10, 20).shuffled(1);
        for (int i = 0; i < view.size(); i++) {
            assertEquals(view.label(i), view.features(i)[0], 0f, "features follow their label");
            assertTrue(view.label(i) >= 10 && view.label(i) < 20);
        }
    }

    @Test
    void splitShufflesThenHoldsOutTheFractionRoundedUp() {
        Dataset all = numbered(150);
        Dataset.Split split = all.split(0.2, 42);
        assertEquals(120, split.train().size());
        assertEquals(30, split.validation().size());
        int[] together = IntStream.concat(IntStream.of(labels(split.train())), IntStream.of(labels(split.validation())))
                .toArray();
        assertArrayEquals(labels(all.shuffled(42)), together);
        assertEquals(7, numbered(10).split(0.7, 1).validation().size());
        assertEquals(3, numbered(10).split(0.3, 1).validation().size());
        assertEquals(1, numbered(10).split(0.1, 1).validation().size());
        assertEquals(3, numbered(10).split(0.25, 1).validation().size(), "2.5 rounds up, as scikit-learn");
        assertEquals(1, numbered(10).split(0.01, 1).validation().size(), "0.1 rounds up, as scikit-learn");
        assertEquals(0, numbered(10).split(0, 1).validation().size());
        assertEquals(10, numbered(10).split(1, 1).validation().size());
        assertEquals("the validation fraction must be from 0 to 1, got 1.5", rejection(() -> all.split(1.5, 1)));
        assertEquals("the validation fraction must be from 0 to 1, got NaN", rejection(() -> all.split(Double.NaN,
                1)));
    }

    @Test
    void classesCountTheWholeStorageSoThatSplitsAgree() {
        Dataset all = numbered(10);
        Dataset firstFive = all.rows(0, 5);
        assertEquals(10, firstFive.classes(), "labels 0..4 in the view, 0..9 in its storage");
        assertEquals(12, firstFive.withClassNames(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k",
                "l")).classes(), "more names than labels");
        assertEquals("9 class names for 10 classes (labels 0 to 9)", rejection(() -> all.withClassNames(
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"))));
        assertEquals("a regression dataset has no class names: its targets are real values",
                assertThrows(IllegalStateException.class, () -> Dataset.regression(new float[][] {{1}},
                        new float[] {1}).withClassNames(List.of("a"))).getMessage());
    }

    @Test
    void namesAndDescriptionCarryOverToViews() {
        Dataset named = Dataset.classification(new float[][] {{1}, {2}, {3}}, new int[] {0, 1, 1})
                .withClassNames(List.of("no", "yes")).describedAs("votes.csv (3 rows)");
        Dataset view = named.split(0.5, 1).validation().normalized(1, 2);
        assertEquals(List.of("no", "yes"), view.classNames());
        assertEquals("votes.csv (3 rows), 2 for validation", view.description());
        assertEquals("votes.csv (3 rows), 1 for training", named.holdOutLast(2).train().description());
        assertEquals("votes.csv (3 rows)", named.rows(0, 2).description());
        assertEquals(List.of(), five().classNames());
        assertEquals("5 examples, features [2], labels of 5 classes", five().description());
        assertEquals("2 examples, features [2], labels of 5 classes", five().rows(0, 2).description());
        assertEquals("1 example, features [1], 2 target values each", Dataset.regression(new float[][] {{1}},
                new float[][] {{1, 2}}).description());
    }

    @Test
    void normalizedIsComputedInFloat32AsExamplesAreRead() {
        Dataset all = five();
        Dataset normalized = all.normalized(20, 4);
        assertArrayEquals(new float[] {-5, -4.75f, -2.5f, -2.25f, 0, 0.25f, 2.5f, 2.75f, 5, 5.25f},
                normalized.featureTensor().floats());
        assertArrayEquals(new float[] {0, 1}, all.features(0), "the original is untouched");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, labels(normalized));
        float pixel = 3 / 255f;
        float expected = (pixel - Mnist.MEAN) / Mnist.STD;
        Dataset one = Dataset.classification(new float[][] {{pixel}}, new int[] {0});
        assertEquals(expected, one.normalized(Mnist.MEAN, Mnist.STD).features(0)[0], 0f);
        float twice = ((pixel - 0.5f) / 3f - Mnist.MEAN) / Mnist.STD;
        assertEquals(twice, one.normalized(0.5f, 3f).normalized(Mnist.MEAN, Mnist.STD).features(0)[0], 0f);
        assertEquals("std must be positive and finite, got 0.0", rejection(() -> all.normalized(0, 0)));
        assertEquals("std must be positive and finite, got Infinity", rejection(() -> all.normalized(0,
                Float.POSITIVE_INFINITY)));
        assertEquals("mean must be finite, got NaN", rejection(() -> all.normalized(Float.NaN, 1)));
    }

    @Test
    void byteImagesStandForTheirValueAndNormalizeSharingTheBytes() {
        // 5 rows of 3 bytes, two rows to a chunk: row r holds 10r, 10r + 1, 10r + 2
        byte[][] chunks = {{0, 1, 2, 10, 11, 12}, {20, 21, 22, 30, 31, 32}, {40, 41, 42}};
        Dataset bytes = Dataset.ofBytes(new ByteRows(chunks, 3, 2, 5), 255f, Shape.of(3), new int[] {0, 1, 2, 3, 4},
                10);
        assertArrayEquals(new float[] {30 / 255f, 31 / 255f, 32 / 255f}, bytes.features(3));
        assertArrayEquals(new float[] {40 / 255f, 41 / 255f, 42 / 255f}, bytes.select(4).featureTensor().floats());
        Dataset normalized = bytes.normalized(Mnist.MEAN, Mnist.STD);
        assertEquals((21 / 255f - Mnist.MEAN) / Mnist.STD, normalized.features(2)[1], 0f);
        assertEquals(21 / 255f, bytes.features(2)[1], 0f, "the original table is untouched");
        assertNotEquals(bytes.features(2)[1], normalized.features(2)[1]);
    }
}
