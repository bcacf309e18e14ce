package io.chainrule.runtime.data;

import io.chainrule.ir.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST and Fashion-MNIST, which share their format and file names and differ only in their directory: images of
 * shape {@code [1, 28, 28]} scaled to [0, 1] exactly as torchvision's {@code ToTensor} does ({@code byte / 255f}),
 * labels 0..9. The images are held as their bytes (47 MB for the training set, not 188 MB of f32), each byte read out
 * as its f32 value ({@link ByteFeatures}). Each file may be gzip-compressed ({@code name.gz}, preferred) or plain.
 *
 * <pre>{@code
 * Path dir = DataLocation.of(dataFlag).find(Mnist.DIRECTORY, Mnist.FILES);
 * Dataset train = Mnist.train(dir).normalized(Mnist.MEAN, Mnist.STD);
 * }</pre>
 */
public final class Mnist {
    /** The directory holding MNIST under a data root. */
    public static final String DIRECTORY = "mnist";
    /** The directory holding Fashion-MNIST under a data root. */
    public static final String FASHION_DIRECTORY = "fashion-mnist";
    /** The four files, without the optional {@code .gz}. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** Mean of MNIST's training pixels in [0, 1]: the usual {@code transforms.Normalize((0.1307,), (0.3081,))}. */
    public static final float MEAN = 0.1307f;
    /** Standard deviation of MNIST's training pixels in [0, 1]. */
    public static final float STD = 0.3081f;

    private static final int SIDE = 28;
    private static final Shape IMAGE = Shape.of(1, SIDE, SIDE);
    private static final int CLASSES = 10;
    /** torchvision's {@code ToTensor}: byte / 255f. */
    private static final float TO_TENSOR = 255f;

    private Mnist() {
    }

    /** The 60,000 training examples in {@code dir}. */
    public static Dataset train(Path dir) throws IOException {
        return read(dir, "train");
    }

    /** The 10,000 test examples in {@code dir}. */
    public static Dataset test(Path dir) throws IOException {
        return read(dir, "t10k");
    }

    /** Both headers are checked, each against what MNIST is and against the other, before any data is read. */
    private static Dataset read(Path dir, String split) throws IOException {
        Path labelsFile = existing(dir, split + "-labels-idx1-ubyte");
        Path imagesFile = existing(dir, split + "-images-idx3-ubyte");
        try (Idx labelsIdx = Idx.open(labelsFile, "labels");
             Idx imagesIdx = Idx.open(imagesFile, "images", "rows", "columns")) {
            int[] dims = imagesIdx.dims();
            if (dims[1] != SIDE || dims[2] != SIDE) {
                throw new IdxFormatException(imagesFile, "expected " + SIDE + "x" + SIDE + " images, found "
                        + dims[1] + "x" + dims[2]);
            }
            int n = dims[0];
            int labelCount = labelsIdx.dims()[0];
            if (labelCount != n) {
                throw new IdxFormatException(labelsFile, labelCount + " labels, expected " + n
                        + " to match the images in " + imagesFile);
            }
            int[] y = labelsIdx.readInts().ints();
            for (int i = 0; i < y.length; i++) {
                if (y[i] >= CLASSES) {
                    throw new IdxFormatException(labelsFile, "label " + y[i] + " at index " + i + ": expected 0 to "
                            + (CLASSES - 1));
                }
            }
            ByteRows images = imagesIdx.readRows();
            return Dataset.ofBytes(images, TO_TENSOR, IMAGE, y, CLASSES)
                    .describedAs(imagesFile + " (" + n + " images)");
        }
    }

    private static Path existing(Path dir, String name) throws NoSuchFileException {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new NoSuchFileException(gz.toString(), null, "no such file, nor an uncompressed " + name);
    }
}
