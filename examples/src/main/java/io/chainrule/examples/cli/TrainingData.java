package io.chainrule.examples.cli;

import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Mnist;
import io.chainrule.runtime.data.TargetKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What {@code train} trains on, all read before the first epoch: the training examples, those held out for validation
 * (null: none), and the set the final figures are measured on, named as the output names it: MNIST's test set, a
 * CSV's {@code --test} file, else the validation set, else the training set itself.
 *
 * @param source    what the examples are: {@code MNIST}, {@code iris.csv}, {@code XOR}
 * @param unit      what one example is called: images, rows, points
 * @param finalName {@code test}, {@code validation} or {@code training}
 */
record TrainingData(String source, String unit, Dataset train, Dataset validation, Dataset finalSet,
                    String finalName) {

    /** MNIST's training images less the last {@code held} for validation, and its test images. */
    static TrainingData mnist(Path dir, ValidationSize held, int batchSize, Function<String, RuntimeException> usage)
            throws IOException {
        Dataset all = Mnist.train(dir);
        Dataset.Split split = all.holdOutLast(check(all, held, batchSize, "images", usage));
        Dataset test = Mnist.test(dir);
        if (test.size() == 0) {
            throw new CommandFailure("the test set in " + dir + " has no images: nothing to measure the accuracy on");
        }
        return new TrainingData("MNIST", "images", split.train(), nonEmpty(split.validation()), test, "test");
    }

    /**
     * The rows of {@code csv}, shuffled with {@code seed} before {@code held} are held out, and those of {@code test}
     * (null: none) read alike: the same columns, task and, for a classifier, the classes of the training file.
     */
    static TrainingData csv(CsvSource csv, Csv.Options options, Path test, ValidationSize held, int batchSize,
            long seed, Function<String, RuntimeException> usage) {
        Dataset all = csv.read(options);
        Dataset.Split split = all.shuffled(seed).holdOutLast(check(all, held, batchSize, "rows", usage));
        Dataset testSet = null;
        if (test != null) {
            Csv.Options same = all.targetKind() == TargetKind.LABELS ? options.classes(all.classes())
                    : options.task(TargetKind.VALUES);
            testSet = CsvSource.read("--test", test, same);
        }
        Dataset validation = nonEmpty(split.validation());
        return new TrainingData(csv.file.getFileName().toString(), "rows", split.train(), validation,
                testSet != null ? testSet : validation != null ? validation : split.train(),
                testSet != null ? "test" : validation != null ? "validation" : "training");
    }

    /** The lesson's own data for a built-in model, shuffled with {@code seed} before {@code held} are held out. */
    static TrainingData lesson(Dataset all, ValidationSize held, int batchSize, long seed,
            Function<String, RuntimeException> usage) {
        Dataset.Split split = all.shuffled(seed).holdOutLast(check(all, held, batchSize, "points", usage));
        Dataset validation = nonEmpty(split.validation());
        String source = all.description().replaceFirst(" \\(\\d+ points\\)$", "");
        return new TrainingData(source, "points", split.train(), validation,
                validation != null ? validation : split.train(), validation != null ? "validation" : "training");
    }

    /** The examples held out, checked to leave at least one batch to train on. */
    private static int check(Dataset all, ValidationSize held, int batchSize, String unit,
            Function<String, RuntimeException> usage) {
        int count = held.of(all.size());
        String given = "--validation " + held.text();
        if (count > all.size()) {
            throw usage.apply(given + " is more than the " + all.size() + " training " + unit);
        }
        if (all.size() - count < batchSize) {
            throw usage.apply(count > 0 ? given + " leaves " + (all.size() - count) + " training " + unit
                    + ", fewer than one batch of " + batchSize : "the " + all.size() + " training " + unit
                    + " are fewer than one batch of " + batchSize + "; give a smaller --batch-size");
        }
        return count;
    }

    private static Dataset nonEmpty(Dataset d) {
        return d.size() == 0 ? null : d;
    }

    /** {@code 55000 training, 5000 validation, 10000 test images}. */
    String counts() {
        StringBuilder sb = new StringBuilder().append(train.size()).append(" training");
        if (validation != null) {
            sb.append(", ").append(validation.size()).append(" validation");
        }
        if (finalName.equals("test")) {
            sb.append(", ").append(finalSet.size()).append(" test");
        }
        return sb.append(' ').append(unit).toString();
    }
}
