package io.chainrule.runtime.model;

import io.chainrule.autodiff.Adam;
import io.chainrule.autodiff.Gradients;
import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.autodiff.TrainingGraph;
import io.chainrule.ir.DType;
import io.chainrule.ir.Graph;
import io.chainrule.ir.GraphBuilder;
import io.chainrule.ir.Initializer;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.Value;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Backends;
import io.chainrule.runtime.BoundStep;
import io.chainrule.runtime.Executable;
import io.chainrule.runtime.Parameters;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.data.DataLoader;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.Standardization;
import io.chainrule.runtime.data.TargetKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A network with what it learns and its weights, used as Keras's Model is: {@link #fit} it on a dataset,
 * {@link #evaluate} it, {@link #predict} with it, {@link #save} it and {@link #load} it back. Every step runs on the
 * preferred backend (the compiled one when codegen is present): one training graph (forward, backward and the
 * optimizer's update) compiled once per fit, and forward graphs compiled once per batch size.
 *
 * <pre>{@code
 * Dataset iris = Csv.read(Path.of("iris.csv"), Csv.options());
 * Dataset.Split split = iris.split(0.2, 1);
 * try (Model model = Model.builder(new Sequential(new Linear("fc1", 4, 16), Activation.RELU,
 *         new Linear("out", 16, 3))).input(4).standardized(true).build()) {
 *     model.fit(split.train(), split.validation(), FitOptions.defaults().epochs(100).batchSize(16)
 *             .optimizer(Adam.of(0.01)), new ProgressBar(System.out, false));
 *     System.out.println(model.evaluate(split.validation()).summary());
 *     int species = model.predict(split.validation().features(0)).predictedClass(0);
 *     model.save(Path.of("iris.safetensors"));
 * }
 * }</pre>
 *
 * <p>The graph's input is {@code x} ({@code [batch, ...inputShape]}), standardized first when asked to (per-feature
 * mean and standard deviation fitted on the first training set and saved with the weights, as {@code input.mean} and
 * {@code input.std}); its outputs are the network's {@code output}, and {@code loss} against the targets {@code y}
 * (cross-entropy of the scores for classification, as nn.CrossEntropyLoss; mean squared error for regression).
 *
 * <p>Threads: {@link #predict} may be called from many threads at once (each call runs on a compiled step of its
 * own); {@link #fit}, {@link #evaluate}, {@link #load} and {@link #close} take the model for themselves, and a
 * prediction waits for them.
 */
public final class Model implements AutoCloseable {
    /** Examples per batch when predicting and evaluating (a remainder is one smaller batch). */
    static final int PREDICT_BATCH = 1000;

    private final Architecture architecture;
    /** The Java source the network was read from, saved with the model; null for a network built in code. */
    private final ModelSource source;
    private final long seed;
    private final Backend backend;
    private final int outputWidth;
    /** Parameters and the standardization, by name: steps are bound to these tensors, which change in place. */
    private final Map<String, Tensor> parameters;
    /** The optimizer's state from the last fit or a loaded checkpoint, resumed by a fit with the same optimizer. */
    private final Map<String, Tensor> optimizerState = new LinkedHashMap<>();
    private Optimizer optimizer;
    private TrainingRecord record = TrainingRecord.NONE;
    private boolean standardizationFitted;
    private final Map<Integer, Evaluator> evaluators = new HashMap<>();
    private final Map<Integer, Executable> predictors = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private Model(Builder b) {
        this.architecture = new Architecture(b.name, b.network, b.inputShape, b.task, b.standardized, b.dtype);
        this.source = b.source;
        this.seed = b.seed;
        this.backend = b.backend != null ? b.backend : Backends.preferred();
        Graph one = forward(1, false);
        this.outputWidth = one.output(Architecture.OUTPUT).shape().dim(1);
        this.parameters = Parameters.initialize(one, seed);
        if (this.parameters.keySet().stream().noneMatch(k -> !isStandardization(k))) {
            throw new IllegalArgumentException("model " + name() + " has no parameters: its network learns nothing");
        }
    }

    /** A classifier of examples shaped {@code inputShape}: the network's outputs are scores, one per class. */
    public static Model classifier(Layer network, int... inputShape) {
        return builder(network).input(inputShape).build();
    }

    /** A regression model of examples shaped {@code inputShape}: the network's outputs are the predicted values. */
    public static Model regressor(Layer network, int... inputShape) {
        return builder(network).input(inputShape).task(Task.REGRESSION).build();
    }

    /** A model to configure: name, input shape, task, seed, standardization and backend. */
    public static Builder builder(Layer network) {
        return new Builder(network);
    }

    /**
     * A model of the network read from Java source, named after its class, with the input shape and task its
     * {@code @Input} declares (without one, give them: {@code input(...)}, {@code task(...)}). It is saved with its
     * source, from which {@link #load} rebuilds it.
     */
    public static Builder builder(ModelSource source) {
        Builder b = new Builder(source.network());
        b.source = source;
        b.name(source.className().replaceAll("[^A-Za-z0-9_]", "_"));
        source.training().ifPresent(t -> b.input(t.inputShape().dims())
                .task(Task.valueOf(t.task().toUpperCase(Locale.ROOT))));
        return b;
    }

    /** A model of {@code architecture}, to give a seed and a backend. */
    public static Builder builder(Architecture architecture) {
        return new Builder(architecture.network()).name(architecture.name())
                .input(architecture.inputShape().dims()).task(architecture.task())
                .standardized(architecture.standardized()).dtype(architecture.dtype());
    }

    /** How a model is made; only the input shape must be given. */
    public static final class Builder {
        private final Layer network;
        private ModelSource source;
        private String name = "model";
        private Shape inputShape;
        private Task task = Task.CLASSIFICATION;
        private boolean standardized;
        private long seed;
        private DType dtype = DType.F32;
        private Backend backend;

        private Builder(Layer network) {
            this.network = java.util.Objects.requireNonNull(network, "network");
        }

        /** The graph's name, as the text IR and the compiled class show it (letters, digits, '_'; default model). */
        public Builder name(String graphName) {
            this.name = graphName;
            return this;
        }

        /** One example's shape, without the batch axis: {@code 4} for iris, {@code 1, 28, 28} for MNIST. */
        public Builder input(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public Builder task(Task t) {
            this.task = java.util.Objects.requireNonNull(t, "task");
            return this;
        }

        /** Standardize every input feature by the training set's mean and standard deviation, inside the graph. */
        public Builder standardized(boolean on) {
            this.standardized = on;
            return this;
        }

        /** The seed the parameters are drawn with (default 0): the same seed gives the same start. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The dtype the model computes in: f32 (the default, what the compiled backend runs), or f64. */
        public Builder dtype(DType d) {
            this.dtype = d;
            return this;
        }

        /** Where graphs run (default: {@link Backends#preferred()}, the compiled backend when it is present). */
        public Builder backend(Backend b) {
            this.backend = b;
            return this;
        }

        public Model build() {
            if (inputShape == null) {
                throw new IllegalStateException("the model's input shape is missing: builder(...).input(4) for four "
                        + "features, input(1, 28, 28) for MNIST images");
            }
            return new Model(this);
        }

        /** What the model will compute, without making it (no parameters drawn): to print or check its graphs. */
        public Architecture architecture() {
            if (inputShape == null) {
                throw new IllegalStateException("the model's input shape is missing");
            }
            return new Architecture(name, network, inputShape, task, standardized, dtype);
        }
    }

    /** What the model computes: network, input shape, task, standardization, dtype. */
    public Architecture architecture() {
        return architecture;
    }

    public String name() {
        return architecture.name();
    }

    /** The source the network was read from, or null when it was built in code. */
    ModelSource source() {
        return source;
    }

    /** One example's shape, without the batch axis. */
    public Shape inputShape() {
        return architecture.inputShape();
    }

    public Task task() {
        return architecture.task();
    }

    /** The seed the parameters were drawn with. */
    public long seed() {
        return seed;
    }

    /** What training has done so far: optimizer, epochs, steps, data and final metrics. */
    public TrainingRecord trainingRecord() {
        return record;
    }

    /** Parameters (and the standardization) by name, PyTorch's names; the tensors change as the model trains. */
    public Map<String, Tensor> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The optimizer state a fit with the same optimizer resumes from; empty before any training. */
    public Map<String, Tensor> optimizerState() {
        return Collections.unmodifiableMap(optimizerState);
    }

    /** The scalars the network learns (the standardization excluded). */
    public long parameterCount() {
        return parameters.entrySet().stream().filter(e -> !isStandardization(e.getKey()))
                .mapToLong(e -> e.getValue().size()).sum();
    }

    static boolean isStandardization(String tensor) {
        return tensor.equals(Architecture.MEAN) || tensor.equals(Architecture.STD);
    }

    /** The forward graph for {@code batch} examples (see {@link Architecture#forward}). */
    public Graph forward(int batch, boolean withLoss) {
        return architecture.forward(batch, withLoss);
    }

    /** The network's output width: classes for a classifier, target values for a regression model. */
    public int outputWidth() {
        return outputWidth;
    }

    /**
     * Trains on {@code train} (shuffled batches; a last smaller batch is dropped, so one compiled step serves every
     * batch), measuring {@code validation} (may be null) after every epoch, and returns the epochs' history. A model
     * that was trained before, or loaded from a checkpoint, goes on from where it stopped: its epoch count, its
     * step count and, when the optimizer is the same, its optimizer state.
     */
    public History fit(Dataset train, Dataset validation, FitOptions options, TrainingListener... listeners) {
        return exclusively(() -> new FitRun(this, train, validation, options, List.of(listeners)).run());
    }

    /**
     * Records an epoch trained outside {@link #fit} on this model's parameters (by data-parallel replicas whose
     * average the parameters now hold), as a fit records its own, so that {@link #save}, and a later fit with the same
     * optimizer, go on from it: the training record becomes {@code epoch}'s (its number the model's epoch count,
     * {@code steps} the steps in all) with {@code options}' optimizer (else the model's last, else Adam's defaults),
     * schedule, batch size and seed, and {@code train}'s description; {@code optimizerState} (the training graph's
     * state tensors by name, copied) replaces the model's; a standardization is kept as the epoch trained with it.
     */
    public void recordEpoch(EpochRecord epoch, long steps, FitOptions options, Dataset train,
            Map<String, Tensor> optimizerState) {
        exclusively(() -> {
            Optimizer used = optimizerFor(options);
            trained(used, record.after(used, options.schedule(), epoch.epoch(), steps, options, train, epoch));
            this.optimizerState.clear();
            optimizerState.forEach((name, t) -> this.optimizerState.put(name, t.copy()));
            standardizationFitted = architecture.standardized();
            return null;
        });
    }

    /** Loss and metrics over every example of {@code data}, with the current parameters. */
    public Metrics evaluate(Dataset data) {
        return exclusively(() -> evaluateUnlocked(data));
    }

    Metrics evaluateUnlocked(Dataset data) {
        checkData(data, "evaluate");
        if (data.size() == 0) {
            throw new IllegalArgumentException("nothing to evaluate: the dataset has no examples");
        }
        DataLoader loader = DataLoader.inOrder(data, PREDICT_BATCH, DataLoader.LastBatch.SMALLER);
        MetricsAccumulator acc = new MetricsAccumulator(task(), outputWidth());
        for (int b = 0; b < loader.batches(); b++) {
            int rows = loader.rows(b);
            int batch = b;
            Evaluator e = evaluators.computeIfAbsent(rows, r -> evaluator(r, loader.newFeatures(batch),
                    loader.newTargets(batch)));
            loader.fill(0, b, e.x(), e.y());
            e.step().run();
            acc.add(e.step().output(Architecture.LOSS).getDouble(0), e.step().output(Architecture.OUTPUT), e.y());
        }
        return acc.metrics();
    }

    /** A forward graph with its loss, bound to the parameters and to batch tensors of its own. */
    private record Evaluator(BoundStep step, Tensor x, Tensor y) {
    }

    private Evaluator evaluator(int rows, Tensor x, Tensor y) {
        Map<String, Tensor> feeds = new HashMap<>(parameters);
        feeds.put(Architecture.X, x);
        feeds.put(Architecture.Y, y);
        return new Evaluator(backend.prepare(forward(rows, true)).bind(feeds), x, y);
    }

    /** Predictions for every example of {@code data}. */
    public Predictions predict(Dataset data) {
        checkData(data, "predict");
        return predict(data.featureTensor());
    }

    /** The prediction for one example, given as its features in row-major order. */
    public Predictions predict(float[] example) {
        if (example.length != inputShape().size()) {
            throw new IllegalArgumentException("model " + name() + " takes " + inputShape().size() + " features per "
                    + "example (" + inputShape() + "), got " + example.length);
        }
        return predict(Tensor.of(example.clone(), batchOf(1)));
    }

    /** Predictions for {@code x}, shaped {@code [n, ...inputShape]}. */
    public Predictions predict(Tensor x) {
        int[] expected = batchOf(x.shape().rank() > 0 ? x.shape().dim(0) : 0);
        if (x.dtype() != DType.F32 || !Arrays.equals(x.shape().dims(), expected) || expected[0] == 0) {
            throw new IllegalArgumentException("model " + name() + " predicts from f32 [n, " + dimsText(inputShape())
                    + "] with n >= 1, got " + x.type());
        }
        lock.readLock().lock();
        try {
            return new Prediction(this, x).run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The forward graph without the loss for {@code rows} examples, prepared once: safe to run from many threads. */
    Executable predictor(int rows) {
        synchronized (predictors) {
            return predictors.computeIfAbsent(rows, r -> backend.prepare(forward(r, false)));
        }
    }

    /**
     * Writes the parameters, the optimizer state, the network's Java source (when it was read from one) or its text
     * (when it is made of modules), the forward graph's text IR and the training record to {@code file}
     * (safetensors, replaced atomically).
     */
    public void save(Path file) throws IOException {
        lock.readLock().lock();
        try {
            ModelFile.write(file, this);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A model saved by {@link #save}, rebuilt from the network's source or text it holds: no code needed. A model
     * whose network was a lambda cannot be rebuilt from its file; build it again in code and call
     * {@link #loadWeights(Path)} on it.
     */
    public static Model load(Path file) throws IOException {
        return ModelFile.read(file, null);
    }

    /** As {@link #load(Path)}, running on {@code backend}. */
    public static Model load(Path file, Backend backend) throws IOException {
        return ModelFile.read(file, backend);
    }

    /**
     * Loads the parameters (and the standardization, optimizer state and training record, when the file has them)
     * of a checkpoint into this model, as PyTorch's load_state_dict: every parameter must be there with its shape; on
     * any mismatch nothing changes. A training checkpoint loads into a model used only to predict.
     */
    public void loadWeights(Path file) throws IOException {
        lock.writeLock().lock();
        try {
            ModelFile.loadInto(file, this);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Releases the compiled steps (their helper threads); the model can still be used, and compiles again. */
    @Override
    public void close() {
        exclusively(() -> {
            evaluators.values().forEach(e -> e.step().close());
            evaluators.clear();
            synchronized (predictors) {
                predictors.clear();
            }
            return null;
        });
    }

    // ---- state shared with the fit, the file format and the predictions of this package

    Backend backend() {
        return backend;
    }

    Map<String, Tensor> parametersForUpdate() {
        return parameters;
    }

    Map<String, Tensor> optimizerStateForUpdate() {
        return optimizerState;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    void trained(Optimizer used, TrainingRecord after) {
        this.optimizer = used;
        this.record = after;
    }

    boolean standardizationFitted() {
        return standardizationFitted;
    }

    boolean standardized() {
        return architecture.standardized();
    }

    void fitStandardization(Dataset train) {
        Standardization s = Standardization.fit(train);
        parameters.get(Architecture.MEAN).copyFrom(Tensor.of(s.mean(), inputShape().dims()));
        parameters.get(Architecture.STD).copyFrom(Tensor.of(s.std(), inputShape().dims()));
        standardizationFitted = true;
    }

    void restored(Optimizer saved, TrainingRecord savedRecord, boolean fitted) {
        this.optimizer = saved;
        this.record = savedRecord;
        this.standardizationFitted = fitted;
    }

    /** The optimizer a fit uses: the one asked for, else the one the model last trained with, else Adam. */
    Optimizer optimizerFor(FitOptions options) {
        return options.optimizer() != null ? options.optimizer() : optimizer != null ? optimizer : Adam.defaults();
    }

    Graph trainingGraph(int batch, Optimizer o, boolean learningRateInput) {
        return TrainingGraph.build(forward(batch, true), Architecture.LOSS, o, Gradients.Options.parameters(), learningRateInput);
    }

    static boolean scheduled(LearningRateSchedule schedule) {
        return schedule != null && !(schedule instanceof LearningRateSchedule.Constant);
    }

    /** Fails unless {@code data} fits this model: its example shape and its kind of targets. */
    void checkData(Dataset data, String what) {
        if (!data.exampleShape().equals(inputShape())) {
            throw new IllegalArgumentException("cannot " + what + " model " + name() + " on " + data.description()
                    + ": the model takes examples shaped " + inputShape() + ", the data has " + data.exampleShape());
        }
        TargetKind wanted = task() == Task.CLASSIFICATION ? TargetKind.LABELS : TargetKind.VALUES;
        if (data.targetKind() != wanted) {
            throw new IllegalArgumentException("cannot " + what + " model " + name() + " on " + data.description()
                    + ": a " + (task() == Task.CLASSIFICATION ? "classifier needs class labels" : "regression model "
                    + "needs real-valued targets") + ", the data has " + (data.targetKind() == TargetKind.LABELS
                    ? "class labels" : "real-valued targets"));
        }
        int width = outputWidth();
        if (task() == Task.CLASSIFICATION && data.classes() > width) {
            throw new IllegalArgumentException("cannot " + what + " model " + name() + " on " + data.description()
                    + ": the data has " + data.classes() + " classes, the network outputs " + width + " scores");
        }
        if (task() == Task.REGRESSION && data.targetWidth() != width) {
            throw new IllegalArgumentException("cannot " + what + " model " + name() + " on " + data.description()
                    + ": the data has " + data.targetWidth() + " target values per example, the network outputs "
                    + width);
        }
    }

    int[] batchOf(int batch) {
        return architecture.batchOf(batch);
    }

    private static String dimsText(Shape s) {
        String text = s.toString();
        return text.substring(1, text.length() - 1);
    }

    /** Runs {@code body} with the model to itself: no prediction, fit or evaluation meanwhile. */
    private <T> T exclusively(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The parameter nodes of the forward graph, which a checkpoint must hold. */
    List<Node> parameterNodes() {
        Graph g = forward(1, false);
        return java.util.stream.Stream.concat(g.parameters().stream(), g.states().stream()).toList();
    }
}
