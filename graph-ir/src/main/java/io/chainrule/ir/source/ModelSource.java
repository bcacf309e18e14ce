package io.chainrule.ir.source;

import io.chainrule.ir.Shape;
import io.chainrule.ir.nn.Layer;
import java.util.Optional;

/**
 * A model read from Java source: the network, which builds its forward into the graph of any value it is applied to
 * (each node's origin {@code File.java:line:col}), with the file it came from.
 *
 * @param file      the file's path or name, as given to the reader and as errors name it
 * @param text      the source text
 * @param className the model class's name
 * @param network   the model class's forward as a layer; applying it throws {@link ModelSourceException} listing
 *                  every error found (a shape mismatch, for one, depends on the input)
 * @param training  what the class's {@code @Input} annotation says it is trained on, if it has one
 */
public record ModelSource(String file, String text, String className, Layer network, Optional<Training> training) {

    /**
     * @param task "classification" or "regression"
     */
    public record Training(Shape inputShape, String task, int batchSize) {
    }
}
