package io.chainrule.runtime.model;

import io.chainrule.autodiff.Optimizer;
import io.chainrule.ir.DType;
import io.chainrule.ir.Node;
import io.chainrule.ir.Shape;
import io.chainrule.ir.nn.Layer;
import io.chainrule.ir.source.JavaModelSource;
import io.chainrule.ir.source.ModelSource;
import io.chainrule.ir.source.ModelSourceException;
import io.chainrule.ir.text.GraphParseException;
import io.chainrule.ir.text.LayerText;
import io.chainrule.ir.text.TextPrinter;
import io.chainrule.runtime.Backend;
import io.chainrule.runtime.Tensor;
import io.chainrule.runtime.checkpoint.SafeTensors;
import io.chainrule.runtime.checkpoint.SafeTensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A saved model: one safetensors file holding the parameters (PyTorch's names), the standardization and the
 * optimizer's state as tensors, and as metadata what rebuilds the model without its code: the network's Java source
 * and file name when it was read from one ({@link JavaModelSource}), else its text ({@link LayerText}); the input
 * shape, the task, the seed and the training record; plus, for reading only, the forward graph's text IR. Any
 * safetensors reader (PyTorch's included) reads the tensors.
 */
final class ModelFile {
    static final String FORMAT = "chainrule-model";
    private static final String FORMAT_KEY = "format";
    private static final String NAME = "name";
    private static final String NETWORK = "network";
    private static final String SOURCE = "source";
    private static final String SOURCE_FILE = "source_file";
    private static final String INPUT_SHAPE = "input_shape";
    private static final String TASK = "task";
    private static final String STANDARDIZED = "standardized";
    private static final String SEED = "seed";
    private static final String DTYPE = "dtype";
    private static final String GRAPH = "graph";

    private ModelFile() {
    }

    static void write(Path file, Model model) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.parameters());
        tensors.putAll(model.optimizerState());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(NAME, model.name());
        ModelSource source = model.source();
        if (source != null) {
            metadata.put(SOURCE, source.text());
            // the name alone: the directory it was read from means nothing where the file is loaded
            metadata.put(SOURCE_FILE, Path.of(source.file()).getFileName().toString());
        } else {
            LayerText.print(model.architecture().network()).ifPresent(text -> metadata.put(NETWORK, text));
        }
        metadata.put(INPUT_SHAPE, model.inputShape().toString());
        metadata.put(TASK, model.task().name().toLowerCase(Locale.ROOT));
        metadata.put(STANDARDIZED, String.valueOf(model.architecture().standardized()
                && model.standardizationFitted()));
        metadata.put(DTYPE, model.architecture().dtype().toString());
        metadata.put(SEED, String.valueOf(model.seed()));
        metadata.putAll(model.trainingRecord().toMetadata());
        metadata.put(GRAPH, TextPrinter.print(model.forward(1, false)));
        SafeTensors.write(file, tensors, metadata);
    }

    /** The model {@link #write} saved, rebuilt from its network's source or text. */
    static Model read(Path file, Backend backend) throws IOException {
        SafeTensorsFile stored = SafeTensors.read(file);
        Map<String, String> m = stored.metadata();
        if (!FORMAT.equals(m.get(FORMAT_KEY))) {
            throw new IllegalArgumentException(file + ": not a saved model (its format is "
                    + (m.containsKey(FORMAT_KEY) ? "'" + m.get(FORMAT_KEY) + "'" : "not given") + ", expected '"
                    + FORMAT + "'); load a checkpoint's weights into a model built in code with Model.loadWeights");
        }
        Model model;
        if (m.containsKey(SOURCE)) {
            String sourceFile = required(file, m, SOURCE_FILE);
            try {
                model = configured(file, m, Model.builder(JavaModelSource.read(sourceFile, m.get(SOURCE))), backend);
            } catch (ModelSourceException e) {
                throw new IllegalArgumentException(file + ": the source saved with model " + m.get(NAME) + ", "
                        + sourceFile + ", no longer reads:\n" + e.getMessage(), e);
            }
        } else {
            model = configured(file, m, Model.builder(network(file, m)), backend);
        }
        apply(file, stored, model);
        return model;
    }

    /** The network saved as text. */
    private static Layer network(Path file, Map<String, String> m) {
        String networkText = m.get(NETWORK);
        if (networkText == null) {
            throw new IllegalArgumentException(file + ": model " + m.get(NAME) + " was saved from a network defined "
                    + "in code (a lambda), which the file cannot rebuild: build the same network in code and call "
                    + "loadWeights(" + file.getFileName() + ") on it");
        }
        try {
            return LayerText.parse(networkText);
        } catch (GraphParseException e) {
            throw new IllegalArgumentException(file + ": the saved network text is malformed: " + e.getMessage(), e);
        }
    }

    /** The model as saved: its name, input, task, standardization, seed and dtype (its parameters not yet loaded). */
    private static Model configured(Path file, Map<String, String> m, Model.Builder b, Backend backend) {
        return b.name(required(file, m, NAME)).input(shape(file, m).dims()).task(task(file, m))
                .standardized(Boolean.parseBoolean(required(file, m, STANDARDIZED))).seed(number(file, m, SEED))
                .dtype(dtype(file, m)).backend(backend).build();
    }

    /** Loads the weights (and whatever else the file has) of a model or a training checkpoint into {@code model}. */
    static void loadInto(Path file, Model model) throws IOException {
        apply(file, SafeTensors.read(file), model);
    }

    private static void apply(Path file, SafeTensorsFile stored, Model model) {
        Map<String, String> m = stored.metadata();
        if (m.containsKey(INPUT_SHAPE) && !shape(file, m).equals(model.inputShape())) {
            throw new IllegalArgumentException(file + ": saved for examples shaped " + m.get(INPUT_SHAPE)
                    + ", the model takes " + model.inputShape());
        }
        boolean hasStandardization = stored.tensors().containsKey(Architecture.MEAN);
        List<String> problems = new ArrayList<>();
        for (Node n : model.parameterNodes()) {
            Tensor t = stored.tensors().get(n.name());
            boolean optional = n.name().equals(Architecture.MEAN) || n.name().equals(Architecture.STD);
            if (t == null && !(optional && !hasStandardization)) {
                problems.add("tensor " + n.name() + ": the model has " + n.type() + ", the file has no such tensor");
            } else if (t != null && !t.type().equals(n.type())) {
                problems.add("tensor " + n.name() + ": the file has " + t.type() + ", the model has " + n.type());
            }
        }
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems)";
            throw new IllegalArgumentException(file + ": " + problems.get(0) + more);
        }
        TrainingRecord record;
        try {
            record = TrainingRecord.fromMetadata(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": malformed training record: " + e.getMessage(), e);
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        stored.tensors().forEach((name, t) -> {
            if (model.parametersForUpdate().containsKey(name)) {
                model.parametersForUpdate().get(name).copyFrom(t);
            } else {
                state.put(name, t);
            }
        });
        model.optimizerStateForUpdate().clear();
        model.optimizerStateForUpdate().putAll(state);
        model.restored(record.optimizer().isEmpty() ? null : Optimizer.parse(record.optimizer()), record,
                hasStandardization && model.architecture().standardized());
    }

    private static String required(Path file, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": the saved model has no '" + key + "' entry");
        }
        return v;
    }

    private static long number(Path file, Map<String, String> m, String key) {
        try {
            return Long.parseLong(required(file, m, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' is not a number: " + m.get(key), e);
        }
    }

    private static Shape shape(Path file, Map<String, String> m) {
        String text = required(file, m, INPUT_SHAPE).strip();
        try {
            if (!text.startsWith("[") || !text.endsWith("]")) {
                throw new NumberFormatException(text);
            }
            String inner = text.substring(1, text.length() - 1);
            int[] dims = inner.isEmpty() ? new int[0]
                    : java.util.Arrays.stream(inner.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
            return Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": input_shape '" + text + "' is not a shape such as [1,28,28]",
                    e);
        }
    }

    private static DType dtype(Path file, Map<String, String> m) {
        String text = m.getOrDefault(DTYPE, "f32");
        try {
            return DType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": dtype '" + text + "' is not f32 or f64", e);
        }
    }

    private static Task task(Path file, Map<String, String> m) {
        String text = required(file, m, TASK);
        try {
            return Task.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": task '" + text + "' is neither classification nor "
                    + "regression", e);
        }
    }
}
