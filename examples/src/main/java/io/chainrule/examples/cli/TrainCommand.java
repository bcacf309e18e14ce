package io.chainrule.examples.cli;

import io.chainrule.autodiff.LearningRateSchedule;
import io.chainrule.autodiff.Optimizer;
import io.chainrule.codegen.CompiledBackend;
import io.chainrule.examples.ModelSpec;
import io.chainrule.examples.Models;
import io.chainrule.examples.cluster.ClusterRunner;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Interpreter;
import io.chainrule.runtime.data.Csv;
import io.chainrule.runtime.data.DataLocation;
import io.chainrule.runtime.data.Dataset;
import io.chainrule.runtime.data.TargetKind;
import io.chainrule.runtime.model.Architecture;
import io.chainrule.runtime.model.FitOptions;
import io.chainrule.runtime.model.HistoryCsv;
import io.chainrule.runtime.model.Model;
import io.chainrule.runtime.model.ProgressBar;
import io.chainrule.runtime.model.Task;
import io.chainrule.runtime.model.TrainingListener;
import io.chainrule.runtime.model.TrainingRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The main job: trains a built-in model, the generic {@code mlp} sized from its data, a model written as Java source
 * (with the input and task of its {@code @Input}, else sized from its data), or a saved model further
 * ({@code --resume}), on MNIST, a CSV file or the lesson's own data, then reports its figures on the test set (MNIST's,
 * or a CSV's {@code --test} file), else on the validation set, else on the training set. Everything that can be
 * checked is checked before the first epoch (options, that the outputs can be written, every data file read whole),
 * and after training each output is written on its own, the model first, so that one failing costs no other.
 */
@Command(name = "train", sortOptions = false, description = "Train a built-in model, an mlp sized from the data, a "
        + "model source File.java, or a saved model further, on MNIST, a CSV file or the lesson's data; report its "
        + "figures.")
final class TrainCommand implements Callable<Integer> {
    enum BackendName { compiled, interpreted }

    enum TaskName { classification, regression }

    private static final String MLP = MlpShape.MLP;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<model>", description = "neuron, mnist-linear, mnist-mlp, "
            + "xor-mlp, sin-mlp, mlp (sized from the data), or a model written as Java source, File.java (its "
            + "@Input's shape, task and batch, else sized from the data); none with --resume.")
    String model;

    @Option(names = "--resume", paramLabel = "FILE", description = "Train the model saved in FILE further: its "
            + "optimizer and state, step and epoch counts, shuffling seed and batch size go on.")
    Path resume;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where MNIST is (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Mixin
    CsvSource csv;

    @Option(names = "--task", paramLabel = "TASK", description = "mlp or a source without @Input, on a CSV: "
            + "classification or regression "
            + "(default: classification when every target is an integer from 0 to 99, else regression).")
    TaskName task;

    @Option(names = "--test", paramLabel = "FILE", description = "A CSV of test rows, read as --csv is, for the "
            + "final figures (default: the validation set).")
    Path test;

    @Option(names = "--validation", paramLabel = "N|F", description = "Examples held out for validation, a count or "
            + "a fraction (default: the last 5000 MNIST images; 0.2 of a CSV's rows, shuffled with the seed; none of "
            + "the lesson's data).")
    String validation;

    @Option(names = "--no-standardize", description = "Feed a CSV's features as they are (default: standardized by "
            + "the training rows' mean and standard deviation, saved with the model).")
    boolean noStandardize;

    @Mixin
    MlpShape mlpShape;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: 5 on MNIST, 100 otherwise; with --resume, epochs more).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Examples per batch (default: the built-in "
            + "model's own, a source's @Input batch; else 100 on MNIST, 32 otherwise; with --resume, the saved one).")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, momentum, nesterov (SGD with momentum "
            + "0.9), adam or adamw (default: adam; with --resume, the saved optimizer with its state).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: 0.001).")
    Double lr;

    @Option(names = "--schedule", paramLabel = "TEXT", description = "Learning-rate schedule: step:STEP_SIZE[,GAMMA],"
            + " cosine:T_MAX[,ETA_MIN], warmup:STEPS[,START_FACTOR][,SCHEDULE] (default: constant; with --resume, "
            + "the saved one).")
    String schedule;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for parameters, the validation split and "
            + "shuffling (default: 1; with --resume, the saved one).")
    Long seed;

    @Option(names = "--patience", paramLabel = "P", description = "Stop after P epochs without a better validation "
            + "loss; the best epoch's parameters are kept (0: off) (default: 3 on MNIST, 0 otherwise).")
    Integer patience;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "compiled",
            description = "compiled or interpreted (default: ${DEFAULT-VALUE}).")
    BackendName backend;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the model (safetensors: parameters, "
            + "optimizer state, network, training record), for eval, predict and --resume.")
    Path save;

    @Option(names = "--history", paramLabel = "FILE", description = "Write the per-epoch history as CSV.")
    Path history;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train data-parallel on Spark (local[2], "
            + "spark://host:7077, ...): --workers replicas, each on its own shard, averaging their parameters and "
            + "optimizer state every --sync-every steps (needs chainrule-spark.jar).")
    String spark;

    @Option(names = "--workers", paramLabel = "K", description = "With --spark: replicas, each training on 1/K of "
            + "the training set (default: 2).")
    Integer workers;

    @Option(names = "--sync-every", paramLabel = "S", description = "With --spark: steps between averagings, 0 for "
            + "once an epoch (default: 0).")
    Integer syncEvery;

    @Option(names = "--check-finite", description = "Check every step's loss and the parameters and state it updated; "
            + "name the node that first produced a NaN or an infinity.")
    boolean checkFinite;

    /** Where the examples come from. */
    private enum Source { MNIST, CSV, LESSON }

    @Override
    public Integer call() throws Exception {
        ModelSource source = model != null && ModelSourceFiles.isSource(model) ? ModelSourceFiles.read(model) : null;
        ModelSpec builtin = checkOptions(source);
        ClusterRunner cluster = spark == null ? null : SparkOption.runner();
        DataLocation location = ModelData.location(spec, data);
        ModelFiles.checkWritable("--save", save);
        ModelFiles.checkWritable("--history", history);
        Backend chosen = backend == BackendName.compiled ? new CompiledBackend() : new Interpreter();
        try (Model resumed = resume == null ? null : ModelFiles.load(resume, chosen)) {
            Architecture known = resumed != null ? resumed.architecture()
                    : builtin != null ? builtin.trainable().orElseThrow()
                    : source != null && source.training().isPresent() ? Model.builder(source).architecture() : null;
            TrainingRecord record = resumed != null ? resumed.trainingRecord() : TrainingRecord.NONE;
            Source data = source(known, builtin, resumed);
            int batch = batchSize != null ? batchSize : resumed != null && record.batchSize() > 0 ? record.batchSize()
                    : builtin != null ? builtin.defaultBatchSize()
                    : source != null && source.training().isPresent() ? source.training().get().batchSize()
                    : data == Source.MNIST ? 100 : 32;
            long seedUsed = seed != null ? seed : resumed != null ? record.seed() : 1;
            TrainingData examples = examples(data, location, known, resumed, batch, seedUsed);
            GenericMlp mlp = known == null && source == null ? mlp(examples.train(), data) : null;
            try (Model m = resumed != null ? resumed : build(builtin, source, mlp, examples, data, seedUsed,
                    chosen)) {
                return train(m, examples, describe(builtin, mlp, resumed), batch, seedUsed, data, cluster);
            }
        }
    }

    /** Every example read, split and checked against the model (built-in or resumed; the mlp fits any). */
    private TrainingData examples(Source source, DataLocation location, Architecture known, Model resumed, int batch,
            long seedUsed) throws IOException {
        ValidationSize held = ValidationSize.parse(validation != null ? validation
                : source == Source.MNIST ? "5000" : source == Source.CSV ? "0.2" : "0");
        String name = resumed != null ? resume.toString() : model;
        TrainingData examples = switch (source) {
            case MNIST -> TrainingData.mnist(ModelData.mnistDirectory(location), held, batch, this::usageError);
            case CSV -> {
                if (known != null) {
                    ModelData.checkedColumns(csv, known.inputShape(), name, false);
                }
                yield TrainingData.csv(csv, csvOptions(known, resumed), test, held, batch, seedUsed,
                        this::usageError);
            }
            case LESSON -> TrainingData.lesson(lessonData(known, resumed), held, batch, seedUsed, this::usageError);
        };
        if (known != null && !examples.train().exampleShape().equals(known.inputShape())) {
            throw new CommandFailure("model " + name + " takes " + ModelData.features(known.inputShape()) + ", "
                    + examples.source() + " has " + ModelData.features(examples.train().exampleShape()));
        }
        if (patience != null && patience > 0 && examples.validation() == null) {
            throw usageError("--patience " + patience + " needs a validation set (early stopping compares "
                    + "validation losses), but --validation is " + held.text());
        }
        return examples;
    }

    private int train(Model m, TrainingData examples, String what, int batch, long seedUsed, Source source,
            ClusterRunner cluster) {
        PrintStream out = System.out;
        // early stopping compares validation losses: without a validation set it is off, and Spark has none
        int patienceUsed = examples.validation() == null || cluster != null ? 0 : patience != null ? patience
                : source == Source.MNIST ? 3 : 0;
        Optimizer chosenOptimizer = optimizerFor(m);
        LearningRateSchedule scheduleUsed = schedule != null ? LearningRateSchedule.parse(schedule)
                : resume != null && !m.trainingRecord().schedule().isEmpty()
                ? LearningRateSchedule.parse(m.trainingRecord().schedule()) : null;
        FitOptions options = FitOptions.defaults().epochs(epochs != null ? epochs : source == Source.MNIST ? 5 : 100)
                .batchSize(batch).optimizer(chosenOptimizer).schedule(scheduleUsed).seed(seedUsed)
                .patience(patienceUsed).checkFinite(checkFinite);
        String task = m.task() == Task.CLASSIFICATION ? m.outputWidth() + " classes" : "regression";
        out.printf(Locale.ROOT, "%s on %s: %s (%s%s); %s%s, batch %d, %s backend, seed %d%n", what,
                examples.source(), examples.counts(), task, m.architecture().standardized() ? ", standardized" : "",
                chosenOptimizer.describe(), scheduleUsed == null ? "" : ", " + scheduleUsed.describe(), batch,
                backend, seedUsed);
        int replicas = workers != null ? workers : 2;
        int every = syncEvery != null ? syncEvery : 0;
        if (cluster != null) {
            out.printf(Locale.ROOT, "on Spark (%s): %d workers, each on 1/%d of the training set, averaging %s%n",
                    spark, replicas, replicas, every == 0 ? "once an epoch" : "every " + every + " steps");
        }
        HistoryCsv historyCsv = history == null ? null : new HistoryCsv(history);
        List<TrainingListener> listeners = new ArrayList<>(List.of(new ProgressBar(out, System.console() != null)));
        if (historyCsv != null) {
            listeners.add(historyCsv);
        }
        if (cluster != null) {
            try {
                cluster.fit(spark, m, examples.train(), examples.validation(), options, replicas, every, listeners);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Spark refused the master, or a replica failed: the runner's message names which
                throw new CommandFailure(e.getMessage());
            }
        } else {
            m.fit(examples.train(), examples.validation(), options, listeners.toArray(TrainingListener[]::new));
        }
        // each output on its own, the model first: one that fails costs no other
        boolean written = save == null || write("--save", save, () -> m.save(save));
        written &= historyCsv == null || write("--history", history, () -> {
            if (historyCsv.failure() != null) {
                throw historyCsv.failure();
            }
        });
        MetricsReport.lines(examples.finalName(), m.evaluate(examples.finalSet())).forEach(out::println);
        return written ? 0 : spec.exitCodeOnExecutionException();
    }

    /**
     * The built-in model named, or null for mlp, a source and --resume; every option checked that can be without
     * reading a data file.
     */
    private ModelSpec checkOptions(ModelSource source) {
        if (resume != null && model != null) {
            throw usageError("give a model or --resume FILE, not both: --resume trains the model saved in FILE");
        }
        if (resume == null && model == null) {
            throw usageError("which model? give one of " + trainable() + ", or --resume FILE");
        }
        ModelSpec builtin = null;
        if (model != null && !model.equals(MLP) && source == null) {
            builtin = Models.find(model).orElseThrow(() -> usageError("unknown model '" + model + "' (these train: "
                    + trainable() + ")"));
            if (builtin.trainable().isEmpty()) {
                throw usageError("model '" + model + "' learns by its own rule, not by gradients (these train: "
                        + trainable() + ")");
            }
        }
        boolean isMlp = MLP.equals(model);
        boolean builtinOnMnist = builtin != null && builtin.trainable().get().inputShape().equals(ModelData.IMAGE);
        checkHyperparameters();
        csv.refuseOptionsWithoutFile();
        if (test != null && !csv.given()) {
            throw usageError("--test is a CSV of test rows for --csv data; MNIST has its own test set");
        }
        if (csv.given() && data != null) {
            throw usageError("--data is where MNIST is; --csv names its file itself");
        }
        if (builtinOnMnist && csv.given()) {
            throw usageError("model " + model + " trains on MNIST (--data DIR), not on a CSV; the mlp trains on both");
        }
        if (noStandardize && (!csv.given() || resume != null)) {
            throw usageError("--no-standardize is for a new model on --csv data" + (resume != null
                    ? "; a resumed model keeps its own" : ""));
        }
        if (!isMlp) {
            if (task != null && source != null && source.training().isPresent()) {
                throw usageError("--task is for a model sized from its data; " + model + " declares its task with "
                        + "@Input");
            }
            String stray = mlpShape.givenOption() != null ? mlpShape.givenOption()
                    : task != null && source == null ? "--task" : null;
            if (stray != null) {
                throw usageError(stray + " shapes the mlp; " + (resume != null ? "a resumed model keeps its own"
                        : "model " + model + (source != null ? " is its own source" : " is built in")));
            }
        } else {
            mlpShape.hiddenWidths();
        }
        checkSpark();
        if (resume != null && lr != null && optimizer == null) {
            throw usageError("--lr with --resume needs --optimizer: without it the saved optimizer goes on with its "
                    + "own rate and state");
        }
        return builtin;
    }

    /** The options that go with --spark, and those a data-parallel fit does not do. */
    private void checkSpark() {
        if (spark == null) {
            String stray = workers != null ? "--workers" : syncEvery != null ? "--sync-every" : null;
            if (stray != null) {
                throw usageError(stray + " is for data-parallel training: give --spark MASTER too");
            }
            return;
        }
        if (workers != null && workers < 1) {
            throw usageError("--workers must be at least 1, got " + workers);
        }
        if (syncEvery != null && syncEvery < 0) {
            throw usageError("--sync-every must be 0 (once an epoch) or a number of steps, got " + syncEvery);
        }
        String alone = patience != null && patience > 0 ? "--patience"
                : backend == BackendName.interpreted ? "--backend interpreted" : null;
        if (alone != null) {
            throw usageError(alone + " is not supported with --spark: replicas train with the compiled step, "
                    + "without early stopping");
        }
    }

    private void checkHyperparameters() {
        if (epochs != null && epochs < 1) {
            throw usageError("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize != null && batchSize < 1) {
            throw usageError("--batch-size must be at least 1, got " + batchSize);
        }
        if (lr != null && (!(lr >= 0) || Double.isInfinite(lr))) {
            throw usageError("--lr must be finite and not negative, got " + lr);
        }
        if (patience != null && patience < 0) {
            throw usageError("--patience must be 0 (off) or more, got " + patience);
        }
        if (validation != null) {
            try {
                ValidationSize.parse(validation);
            } catch (IllegalArgumentException e) {
                throw usageError(e.getMessage());
            }
        }
        if (optimizer != null) {
            try {
                Optimizer.of(optimizer, lr != null ? lr : 0.001);
            } catch (IllegalArgumentException e) {
                throw usageError("--optimizer: " + e.getMessage());
            }
        }
        if (schedule != null) {
            try {
                LearningRateSchedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                throw usageError("--schedule: " + e.getMessage());
            }
        }
        if (save != null && history != null && same(save, history)) {
            throw usageError("--save and --history name the same file, " + save);
        }
        if (resume != null && history != null && same(resume, history)) {
            throw usageError("--resume and --history name the same file, " + resume);
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The trainable model names, then mlp and sources. */
    private static String trainable() {
        return String.join(", ", Stream.concat(Models.all().stream().filter(m -> m.trainable().isPresent())
                .map(ModelSpec::name), Stream.of(MLP, "a model source File.java")).toList());
    }

    /** A CSV when one is given; MNIST for image models, the mlp and sources without @Input; else the lesson's. */
    private Source source(Architecture known, ModelSpec builtin, Model resumed) {
        if (csv.given()) {
            return Source.CSV;
        }
        if (known == null || known.inputShape().equals(ModelData.IMAGE)) {
            return Source.MNIST;
        }
        if (LessonData.forModel(known.name()).isEmpty() && resumed == null) {
            throw usageError("model " + model + " has no data of its own: give --csv FILE with "
                    + ModelData.features(known.inputShape()) + " and a target column" + (builtin != null
                    ? " (xor-mlp and sin-mlp also train on their lesson's data)" : ""));
        }
        return Source.LESSON;
    }

    private Dataset lessonData(Architecture known, Model resumed) {
        return LessonData.forModel(known.name()).orElseThrow(() -> new CommandFailure("model " + resume + " takes "
                + ModelData.features(resumed.inputShape()) + ": give the CSV it trained on, "
                + resumed.trainingRecord().data() + ", with --csv FILE"));
    }

    /** How the CSV is read: a built-in or resumed model's task (and a classifier's classes), else --task. */
    private Csv.Options csvOptions(Architecture known, Model resumed) {
        Csv.Options options = csv.options();
        if (known != null) {
            boolean labels = known.task() == Task.CLASSIFICATION;
            return !labels ? options.task(TargetKind.VALUES)
                    : resumed != null ? options.classes(resumed.outputWidth()) : options.task(TargetKind.LABELS);
        }
        return task == null ? options
                : options.task(task == TaskName.classification ? TargetKind.LABELS : TargetKind.VALUES);
    }

    private GenericMlp mlp(Dataset train, Source source) {
        boolean labels = train.targetKind() == TargetKind.LABELS;
        return mlpShape.mlp(train.featureCount(), labels ? train.classes() : train.targetWidth(),
                source == Source.MNIST);
    }

    /** A new model: built in, read from its source, or the mlp; sized from the data unless it says its input. */
    private Model build(ModelSpec builtin, ModelSource source, GenericMlp mlp, TrainingData examples, Source data,
            long seedUsed, Backend chosen) {
        Dataset train = examples.train();
        Model.Builder b = builtin != null ? Model.builder(builtin.trainable().orElseThrow())
                : source != null ? Model.builder(source) : Model.builder(mlp.network()).name(MLP);
        if (builtin == null && (source == null || source.training().isEmpty())) {
            b.input(train.exampleShape().dims())
                    .task(train.targetKind() == TargetKind.LABELS ? Task.CLASSIFICATION : Task.REGRESSION);
        }
        Model m = b.standardized(data == Source.CSV && !noStandardize).seed(seedUsed).backend(chosen).build();
        if (source != null) {
            checkFits(m, examples);
        }
        return m;
    }

    /** The network of a source checked against the data: its task and its output's width. */
    private void checkFits(Model m, TrainingData examples) {
        Dataset train = examples.train();
        boolean labels = train.targetKind() == TargetKind.LABELS;
        String problem = null;
        if ((m.task() == Task.CLASSIFICATION) != labels) {
            problem = "is a " + m.task().name().toLowerCase(Locale.ROOT) + " model (its @Input says so), "
                    + examples.source() + " has " + (labels ? "class labels" : "real-valued targets");
        } else if (labels && m.outputWidth() < train.classes()) {
            problem = "outputs " + m.outputWidth() + " scores, " + examples.source() + " has " + train.classes()
                    + " classes";
        } else if (!labels && m.outputWidth() != train.targetWidth()) {
            problem = "outputs " + m.outputWidth() + " values, " + examples.source() + " has " + train.targetWidth()
                    + " target values per example";
        }
        if (problem != null) {
            m.close();
            throw new CommandFailure("model " + model + " " + problem);
        }
    }

    /**
     * The optimizer asked for; on --resume without --optimizer the saved one, which goes on with its state (a model
     * saved before it trained has none: Adam's defaults then).
     */
    private Optimizer optimizerFor(Model m) {
        String saved = m.trainingRecord().optimizer();
        if (resume != null && optimizer == null && !saved.isEmpty()) {
            return Optimizer.parse(saved);
        }
        return Optimizer.of(optimizer != null ? optimizer : "adam", lr != null ? lr : 0.001);
    }

    private String describe(ModelSpec builtin, GenericMlp mlp, Model resumed) {
        if (resumed != null) {
            TrainingRecord r = resumed.trainingRecord();
            return "resuming " + resume + " (" + resumed.name() + " after epoch " + r.epochs() + ", step " + r.steps()
                    + ")";
        }
        return builtin != null ? builtin.name() : mlp != null ? MLP + " " + mlp.describe() : model;
    }



    /** Writes a file the user asked for; a failure is reported at once and the run goes on. True when written. */
    private boolean write(String option, Path file, Output output) {
        try {
            output.write();
            System.out.println("saved " + file);
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": could not write " + option + " "
                    + (e instanceof FileSystemException f ? f.getFile() + ": " + f.getReason() : file + ": " + e));
            return false;
        }
    }

    /** Writes one of the files the user asked for. */
    @FunctionalInterface
    private interface Output {
        void write() throws IOException;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
