package io.chainrule.examples.sim;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.Graph;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.model.ClassificationMetrics;
import io.chainrule.runtime.model.EpochRecord;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.TrainingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One learner's network on the backprop page: the model (trained by {@link Model#fit} on the compiled step), its data,
 * the loss per epoch and what the page draws. Every change of the network or of how it trains builds the training
 * graph again and compiles it, timed. One request at a time: the methods hold the session's lock, so two clients of
 * one session take turns while sessions of different clients train in parallel.
 */
final class TrainingSession implements AutoCloseable {
    /** Cells per side of the decision boundary's heat map; the neurons' maps have half as many. */
    static final int GRID = 32;
    static final int MAX_EPOCHS = 100;
    /** The loss curve sent to the page: at most this many points, spread over the epochs. */
    static final int CURVE_POINTS = 400;

    private final String id;
    private NetworkConfig config;
    private PlaneDataset.Points points;
    private Dataset data;
    private Model model;
    private Executable gridProbe;
    private CompileReport compile;
    /** The training loss of every epoch, after the loss before training at index 0. */
    private final List<Double> losses = new ArrayList<>();
    private long steps;
    /** The order the slow-motion steps take their batches in, and where the next one starts. */
    private int[] slowOrder;
    private int slowCursor;

    TrainingSession(String id, NetworkConfig config) {
        this.id = id;
        configure(config);
    }

    String id() {
        return id;
    }

    synchronized NetworkConfig config() {
        return config;
    }

    /**
     * Changes what the learner chose: a new network, dataset or seed starts over from fresh weights; a new learning
     * rate or batch size goes on training the same weights (Adam starts afresh with a new rate). Both compile the new
     * training step.
     */
    synchronized void configure(NetworkConfig next) {
        boolean fresh = config == null || !config.sameNetwork(next);
        config = next;
        if (fresh) {
            restart();
        }
        compile = CompileReport.of(trainingGraph());
    }

    private void restart() {
        if (model != null) {
            model.close();
        }
        points = config.dataset().points(config.seed());
        data = points.dataset();
        model = Model.builder(config.network()).name("backprop_flow").input(2).seed(config.seed()).build();
        gridProbe = Backends.preferred().prepare(NetworkProbe.activations(model, config.depth(), GRID * GRID));
        losses.clear();
        losses.add(metrics().loss());
        steps = 0;
        slowOrder = shuffledRows(new Random(config.seed()));
        slowCursor = 0;
    }

    /** Trains {@code epochs} more epochs, through the model's fit on the compiled step. */
    synchronized void train(int epochs) {
        FitOptions options = FitOptions.defaults().epochs(epochs).batchSize(config.batchSize())
                .optimizer(Adam.of(config.learningRate())).seed(config.seed());
        model.fit(data, null, options, new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                losses.add(record.trainLoss());
                steps += PlaneDataset.SIZE / config.batchSize();
            }
        });
    }

    /**
     * One training step in slow motion: on the next batch, the forward values and the error signal of its first
     * example, and the batch's gradient of every weight and bias, all derived by autodiff with the current weights;
     * then the step itself, through the model, which changes the weights by Adam's rule.
     */
    synchronized SlowStep slowStep() {
        int batch = config.batchSize();
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = slowOrder[(slowCursor + i) % slowOrder.length];
        }
        slowCursor = (slowCursor + batch) % slowOrder.length;
        Dataset examples = data.select(rows);
        Map<String, Tensor> feeds = new HashMap<>(model.parameters());
        feeds.put("x", examples.featureTensor());
        feeds.put("y", examples.targetTensor());
        Graph graph = NetworkProbe.step(model, config.depth(), batch);
        Map<String, Tensor> out = Backends.preferred().prepare(graph).run(feeds);
        SlowStep step = SlowStep.of(config, rows, points, weights(), out);
        model.fit(examples, null, FitOptions.defaults().epochs(1).batchSize(batch)
                .optimizer(Adam.of(config.learningRate())).seed(config.seed()));
        steps++;
        return step;
    }

    /** The training step's kernel plan, as the compiled backend made it. */
    synchronized String plan() {
        return "chainrule: the training step of " + describe() + "\n\n" + CompileReport.plan(trainingGraph());
    }

    /** What the page draws now, as JSON; {@code withData} adds the points and the loss curve. */
    synchronized String state(boolean withData) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("id").value(id).name("config");
        config.write(w);
        w.name("describe").value(describe());
        w.name("layers").values(config.layerSizes());
        w.name("compile");
        compile.write(w);
        ClassificationMetrics m = metrics();
        w.name("epoch").value(losses.size() - 1).name("steps").value(steps).name("loss").value(m.loss())
                .name("accuracy").value(m.accuracy());
        if (withData) {
            writePoints(w);
            writeLossCurve(w);
        }
        writeWeights(w, weights());
        writeMaps(w);
        return w.endObject().toString();
    }

    /** Every epoch's loss so far, the loss before training first. */
    synchronized double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public synchronized void close() {
        model.close();
    }

    private String describe() {
        return "a 2-" + (config.width() + "-").repeat(config.depth()) + "2 " + config.activation().id()
                + " network on " + config.dataset().id() + ", Adam lr " + Numbers.text(config.learningRate())
                + ", batches of " + config.batchSize();
    }

    /** Exactly the graph {@link Model#fit} compiles for this network and optimizer. */
    private Graph trainingGraph() {
        return TrainingGraph.build(model.forward(config.batchSize(), true), "loss", Adam.of(config.learningRate()),
                Gradients.Options.parameters(), false);
    }

    private ClassificationMetrics metrics() {
        return (ClassificationMetrics) model.evaluate(data);
    }

    private int[] shuffledRows(Random random) {
        int[] order = new int[PlaneDataset.SIZE];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Per Linear layer, its weight [out][in] and its bias, copied. */
    private List<float[][]> weights() {
        List<float[][]> layers = new ArrayList<>();
        int[] sizes = config.layerSizes();
        for (int l = 1; l < sizes.length; l++) {
            String name = NetworkConfig.linearName(l, config.depth());
            float[] w = model.parameters().get(name + ".weight").floats();
            float[][] rows = new float[sizes[l] + 1][];
            for (int j = 0; j < sizes[l]; j++) {
                rows[j] = java.util.Arrays.copyOfRange(w, j * sizes[l - 1], (j + 1) * sizes[l - 1]);
            }
            rows[sizes[l]] = model.parameters().get(name + ".bias").floats().clone();
            layers.add(rows);
        }
        return layers;
    }

    /** Weights as [layer][out][in] and biases as [layer][out], from {@link #weights}'s rows (the bias last). */
    static void writeWeights(JsonWriter w, List<float[][]> layers) {
        w.name("weights").beginArray();
        for (float[][] rows : layers) {
            w.beginArray();
            for (int j = 0; j < rows.length - 1; j++) {
                w.values(doubles(rows[j]), 4);
            }
            w.endArray();
        }
        w.endArray().name("biases").beginArray();
        for (float[][] rows : layers) {
            w.values(doubles(rows[rows.length - 1]), 4);
        }
        w.endArray();
    }

    private void writePoints(JsonWriter w) {
        double[] xs = new double[points.xy().length];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.xy()[i][0];
            ys[i] = points.xy()[i][1];
        }
        w.name("points").beginObject().name("x").values(xs, 4).name("y").values(ys, 4).name("label")
                .values(points.labels()).endObject();
    }

    private void writeLossCurve(JsonWriter w) {
        int n = losses.size();
        int stride = Math.max(1, (n + CURVE_POINTS - 1) / CURVE_POINTS);
        List<Integer> epochs = new ArrayList<>();
        for (int e = 0; e < n; e += stride) {
            epochs.add(e);
        }
        if (epochs.get(epochs.size() - 1) != n - 1) {
            epochs.add(n - 1);
        }
        w.name("lossCurve").beginObject().name("epochs").values(epochs.stream().mapToInt(Integer::intValue).toArray())
                .name("values").values(epochs.stream().mapToDouble(losses::get).toArray(), 5).endObject();
    }

    /** The decision boundary (the probability of class 1) and every hidden neuron's activation over the plane. */
    private void writeMaps(JsonWriter w) {
        int cells = GRID * GRID;
        Map<String, Tensor> feeds = new HashMap<>(model.parameters());
        feeds.put("x", Tensor.of(HeatMap.grid(GRID), cells, 2));
        Map<String, Tensor> out = gridProbe.run(feeds);
        float[] probabilities = out.get("probabilities").floats();
        double[] p1 = new double[cells];
        for (int i = 0; i < cells; i++) {
            p1[i] = probabilities[i * 2 + 1];
        }
        w.name("boundary");
        new HeatMap(GRID, 0, 1, p1).write(w);
        w.name("neurons").beginArray();
        for (int k = 1; k <= config.depth(); k++) {
            float[] h = out.get(NetworkProbe.activation(k)).floats();
            int width = config.width();
            w.beginArray();
            for (int j = 0; j < width; j++) {
                double[] field = new double[cells];
                for (int i = 0; i < cells; i++) {
                    field[i] = h[i * width + j];
                }
                HeatMap.of(GRID, field).halved().write(w);
            }
            w.endArray();
        }
        w.endArray();
    }

    static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
