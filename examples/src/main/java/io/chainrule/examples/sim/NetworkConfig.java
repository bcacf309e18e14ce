package io.chainrule.examples.sim;

import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.nn.Linear;
import io.chainrule.ir.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the learner chooses on the backprop page: the dataset, the network (hidden layers of one width and one
 * activation, then two class scores) and how it trains (Adam's learning rate, the batch size), with the seed that
 * draws the data and the first weights.
 *
 * @param dataset      the 2-D problem
 * @param depth        hidden layers, 1 to {@value #MAX_DEPTH}
 * @param width        neurons per hidden layer, 1 to {@value #MAX_WIDTH}
 * @param activation   the hidden layers' activation
 * @param learningRate Adam's learning rate, above 0 and at most 1
 * @param batchSize    examples per step, 1 to the dataset's size
 * @param seed         draws the points and the initial weights
 */
record NetworkConfig(PlaneDataset dataset, int depth, int width, ActivationChoice activation, double learningRate,
                     int batchSize, long seed) {
    static final int MAX_DEPTH = 6;
    static final int MAX_WIDTH = 8;
    static final NetworkConfig DEFAULT = new NetworkConfig(PlaneDataset.XOR, 2, 4, ActivationChoice.TANH, 0.03, 10,
            1);
    static final Set<String> FIELDS = Set.of("dataset", "depth", "width", "activation", "learningRate", "batchSize",
            "seed");

    /** {@code base} changed by the fields {@code body} gives; every field is checked. */
    static NetworkConfig from(RequestBody body, NetworkConfig base) {
        body.only(FIELDS);
        // a field given as null is a field not given, as for the numbers
        String datasetName = body.string("dataset", null);
        PlaneDataset dataset = datasetName == null ? base.dataset : badRequest(() -> PlaneDataset.parse(datasetName));
        int depth = body.integer("depth", base.depth, 1, MAX_DEPTH);
        int width = body.integer("width", base.width, 1, MAX_WIDTH);
        String activationName = body.string("activation", null);
        ActivationChoice activation = activationName == null ? base.activation
                : badRequest(() -> ActivationChoice.parse(activationName));
        double rate = body.number("learningRate", base.learningRate);
        if (!(rate > 0 && rate <= 1)) {
            throw HttpFailure.badRequest("field 'learningRate' is " + Numbers.text(rate) + ": expected a number above "
                    + "0 and at most 1");
        }
        int batch = body.integer("batchSize", base.batchSize, 1, PlaneDataset.SIZE);
        int seed = body.integer("seed", (int) base.seed, 0, Integer.MAX_VALUE);
        return new NetworkConfig(dataset, depth, width, activation, rate, batch, seed);
    }

    /** A name's parse, its refusal a bad request. */
    static <T> T badRequest(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw HttpFailure.badRequest(e.getMessage());
        }
    }

    /** Layer sizes from the input to the output: 2, width (depth times), 2. */
    int[] layerSizes() {
        int[] sizes = new int[depth + 2];
        java.util.Arrays.fill(sizes, width);
        sizes[0] = 2;
        sizes[depth + 1] = 2;
        return sizes;
    }

    /** fc1 ... fc{depth}, then out: PyTorch's names, which the kernel plan shows. */
    static String linearName(int layer, int depth) {
        return layer <= depth ? "fc" + layer : "out";
    }

    /** The network: Linear and activation per hidden layer, then a Linear to two class scores. */
    Layer network() {
        List<Layer> layers = new ArrayList<>();
        int[] sizes = layerSizes();
        for (int l = 1; l < sizes.length; l++) {
            layers.add(new Linear(linearName(l, depth), sizes[l - 1], sizes[l]));
            if (l <= depth) {
                layers.add(activation.layer(ActivationChoice.DEFAULT_SLOPE));
            }
        }
        return new Sequential(layers);
    }

    /** Whether {@code other} is the same network on the same data from the same start (training may go on). */
    boolean sameNetwork(NetworkConfig other) {
        return dataset == other.dataset && depth == other.depth && width == other.width
                && activation == other.activation && seed == other.seed;
    }

    void write(JsonWriter w) {
        w.beginObject().name("dataset").value(dataset.id()).name("depth").value(depth).name("width").value(width)
                .name("activation").value(activation.id()).name("learningRate").value(learningRate)
                .name("batchSize").value(batchSize).name("seed").value(seed).endObject();
    }
}
