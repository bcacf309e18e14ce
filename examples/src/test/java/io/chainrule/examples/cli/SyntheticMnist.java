package io.chainrule.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small MNIST-format files for fast tests of the train command: any number of 28x28 images, labels 0 to 9. */
final class SyntheticMnist {
    private SyntheticMnist() {
    }

    /** Writes the four MNIST files into {@code dir}, with {@code train} training and {@code test} test images. */
    static Path write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, "train", train);
        writeSplit(dir, "t10k", test);
        return dir;
    }

    private static void writeSplit(Path dir, String split, int n) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + n * 28 * 28).putInt(0x0803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            labels.put((byte) label);
            for (int p = 0; p < 28 * 28; p++) {
                images.put((byte) (p % 10 == label ? 200 : (i * 31 + p * 7) % 50));
            }
        }
        Files.write(dir.resolve(split + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(split + "-labels-idx1-ubyte"), labels.array());
    }
}
