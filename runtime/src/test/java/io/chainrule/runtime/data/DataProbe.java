package io.chainrule.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One data operation for a {@link ChildJvm}: {@code find FLAG} looks MNIST up with {@code --data FLAG}, {@code train
 * DIR} reads MNIST's training set from DIR, {@code split DIR N} reads it, normalizes it and holds out its last N
 * images. Prints the result, or the message of the IOException it failed with and exits with 1; anything else escapes
 * with its stack trace.
 */
final class DataProbe {
    private DataProbe() {
    }

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "find" -> System.out.println(DataLocation.of(args[1]).find(Mnist.DIRECTORY, Mnist.FILES));
                case "train" -> System.out.println(Mnist.train(Path.of(args[1])).size() + " images");
                case "split" -> {
                    Dataset.Split split = Mnist.train(Path.of(args[1])).normalized(Mnist.MEAN, Mnist.STD)
                            .holdOutLast(Integer.parseInt(args[2]));
                    System.out.println(split.train().size() + " training and " + split.validation().size()
                            + " validation images");
                }
                default -> throw new IllegalArgumentException("unknown probe " + args[0]);
            }
        } catch (IOException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
