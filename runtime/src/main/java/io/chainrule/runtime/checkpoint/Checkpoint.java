package io.chainrule.runtime.checkpoint;

import io.chainrule.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training checkpoints: parameters and optimizer state, named as PyTorch names them ({@code fc1.weight},
 * {@code fc1.weight.exp_avg}, {@code step}), with string metadata such as the epoch, in a safetensors file.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * Saves {@code state} and {@code metadata} (e.g. {@code format=chainrule, epoch=3}) to {@code file}, replacing
     * any previous checkpoint there atomically. Tensors must not be updated while they are being saved.
     */
    public static void save(Path file, Map<String, Tensor> state, Map<String, String> metadata) throws IOException {
        SafeTensors.write(file, state, metadata);
    }

    /**
     * Copies the checkpoint's tensors into the model's tensors of the same names, which must match it exactly: the
     * same names, types and shapes. On any mismatch it changes nothing and fails with an IllegalArgumentException
     * naming the first problem (and how many more there are). Returns the checkpoint's metadata.
     */
    public static Map<String, String> load(Path file, Map<String, Tensor> into) throws IOException {
        return load(file, into, Set.of());
    }

    /**
     * As {@link #load(Path, Map)}, but the tensors named in {@code optimizerState} may all be absent from the
     * checkpoint, as when it holds parameters only; they then keep their values. A checkpoint with some of them must
     * have all of them.
     */
    public static Map<String, String> load(Path file, Map<String, Tensor> into, Set<String> optimizerState)
            throws IOException {
        for (String name : optimizerState) {
            if (!into.containsKey(name)) {
                throw new IllegalArgumentException("optimizer state " + Names.shown(name)
                        + " is not one of the model's tensors");
            }
        }
        SafeTensorsFile stored = SafeTensors.read(file);
        List<String> problems = mismatches(stored.tensors(), into, optimizerState);
        if (!problems.isEmpty()) {
            String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems)";
            boolean lacksSome = !stored.tensors().keySet().containsAll(into.keySet());
            String hint = optimizerState.isEmpty() && lacksSome
                    ? "; to load a checkpoint without optimizer state, name that state in Checkpoint.load" : "";
            throw new IllegalArgumentException(file + ": " + problems.get(0) + more + hint);
        }
        stored.tensors().forEach((name, tensor) -> into.get(name).copyFrom(tensor));
        return stored.metadata();
    }

    /** Every way the stored tensors fail to fit the model's, in the model's order, then the checkpoint's extras. */
    private static List<String> mismatches(Map<String, Tensor> stored, Map<String, Tensor> into,
            Set<String> optimizerState) {
        boolean storesOptimizerState = optimizerState.stream().anyMatch(stored::containsKey);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : into.entrySet()) {
            String name = Names.shown(e.getKey());
            Tensor model = e.getValue();
            Tensor checkpoint = stored.get(e.getKey());
            if (checkpoint == null) {
                if (!optimizerState.contains(e.getKey())) {
                    problems.add("tensor " + name + ": the model has " + model.type()
                            + ", the checkpoint has no such tensor");
                } else if (storesOptimizerState) {
                    problems.add("tensor " + name + ": the model has " + model.type()
                            + ", the checkpoint has no such tensor but has other optimizer state");
                }
            } else if (!checkpoint.type().equals(model.type())) {
                problems.add("tensor " + name + ": the checkpoint has " + checkpoint.type() + ", the model has "
                        + model.type());
            }
        }
        for (Map.Entry<String, Tensor> e : stored.entrySet()) {
            if (!into.containsKey(e.getKey())) {
                problems.add("tensor " + Names.shown(e.getKey()) + ": the checkpoint has " + e.getValue().type()
                        + ", the model has no such tensor");
            }
        }
        return problems;
    }
}
