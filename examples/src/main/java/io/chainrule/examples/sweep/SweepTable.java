package io.chainrule.examples.sweep;

import io.chainrule.runtime.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sweep's outcomes as one table, a row per configuration in the grid's order: as CSV (the final figures) and as JSON
 * (the same, with the error and time after every epoch). Numbers are written as {@code Double.toString} writes them,
 * which reads back to the same bits; the JSON writes a value that is not finite as null.
 */
public final class SweepTable {
    static final List<String> COLUMNS = List.of("target", "layers", "hidden_layers", "parameters", "activation",
            "optimizer", "learning_rate", "batch_size", "epochs", "points", "seed", "status", "mse", "constant_mse",
            "relative_error", "training_seconds", "error");

    private SweepTable() {
    }

    /** The table as CSV. */
    public static CsvTable csv(List<TrialOutcome> outcomes) {
        CsvTable table = new CsvTable(COLUMNS.toArray(String[]::new));
        outcomes.forEach(o -> table.add(cells(o).toArray()));
        return table;
    }

    /** The table as a JSON array of objects, a key per column, plus epoch_mse and epoch_seconds for finished rows. */
    public static String json(List<TrialOutcome> outcomes) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < outcomes.size(); i++) {
            TrialOutcome o = outcomes.get(i);
            List<Object> cells = cells(o);
            List<String> fields = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                fields.add(quote(COLUMNS.get(c)) + ": " + value(cells.get(c)));
            }
            if (o instanceof TrialOutcome.Finished f) {
                fields.add("\"epoch_mse\": " + array(f.result().epochMse()));
                fields.add("\"epoch_seconds\": " + array(f.result().epochSeconds()));
            }
            sb.append("  {").append(String.join(", ", fields)).append(i + 1 < outcomes.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    /** Writes {@code results.csv} and {@code results.json} into {@code folder}; returns both paths. */
    public static List<Path> write(List<TrialOutcome> outcomes, Path folder) throws IOException {
        Path csv = folder.resolve("results.csv");
        Path json = folder.resolve("results.json");
        csv(outcomes).write(csv);
        ByteBuffer bytes = ByteBuffer.wrap(json(outcomes).getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(json, out -> {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        });
        return List.of(csv, json);
    }

    /** The scalars a network of these hidden widths learns, from 1 input to 1 output: what a failed row reports. */
    static long parameters(List<Integer> hidden) {
        long count = 0;
        int in = 1;
        for (int w : hidden) {
            count += (in + 1L) * w;
            in = w;
        }
        return count + in + 1;
    }

    private static List<Object> cells(TrialOutcome o) {
        FitTrial t = o.trial();
        List<Object> cells = new ArrayList<>(List.of(t.target().name(), t.shape(), t.hidden().size(),
                parameters(t.hidden()), t.activation().text(), t.optimizer(), t.learningRate(), t.batchSize(),
                t.epochs(), t.points(), t.seed()));
        if (o instanceof TrialOutcome.Finished f) {
            FitResult r = f.result();
            cells.addAll(List.of("finished", r.mse(), r.constantMse(), r.relativeError(), r.seconds(), ""));
        } else {
            cells.addAll(List.of("failed", "", "", "", "", ((TrialOutcome.Failed) o).error()));
        }
        return cells;
    }

    private static String value(Object cell) {
        if (cell instanceof Double d) {
            return Double.isFinite(d) ? d.toString() : "null";
        }
        if (cell instanceof Number n) {
            return n.toString();
        }
        String text = cell.toString();
        return text.isEmpty() ? "null" : quote(text);
    }

    private static String array(double[] values) {
        return Arrays.stream(values).mapToObj(SweepTable::value).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
