package io.chainrule.examples.sweep;

import io.chainrule.autodiff.Optimizer;
import io.chainrule.ir.nn.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configurations of a sweep as a grid: a list of values per setting, every combination one {@link FitTrial}. A
 * grid is written one setting a line, {@code key: value, value, ...} ({@code #} starts a comment), and each key is
 * also a command-line option of {@code chainrule sweep}, which replaces the file's line:
 *
 * <pre>
 * target: sin(10x), sawtooth t^4      # the names tables print
 * hidden: 31, 8-8-8-8                 # one hidden layer of 31 units; four of 8 (8x4 says the same)
 * activation: relu                    # relu, tanh, sigmoid, silu, gelu, gelu_tanh
 * optimizer: adam                     # sgd, momentum, nesterov, adam, adamw
 * lr: 0.001, 0.003, 0.01
 * batch-size: 50
 * seed: 1..3                          # seeds 1, 2 and 3
 * epochs: 1000
 * points: 1000                        # training points on [0, 1]
 * </pre>
 *
 * <p>Only {@code hidden} must be given; the others default to the lesson's challenge's values, one each.
 */
public final class SweepGrid {
    /** The settings, in the order their combinations are enumerated (the last varies fastest). */
    public static final List<String> KEYS = List.of("target", "hidden", "activation", "optimizer", "lr", "batch-size",
            "epochs", "points", "seed");
    private static final Map<String, String> DEFAULTS = Map.of("target", "sin(10x)", "activation", "relu",
            "optimizer", "adam", "lr", "0.01", "batch-size", "50", "epochs", "100", "points", "1000", "seed", "1");
    private static final Pattern SINE = Pattern.compile("sin\\((\\d+(?:\\.\\d+)?)x\\)");
    private static final Pattern SAWTOOTH = Pattern.compile("sawtooth t\\^(\\d+)");
    private static final Pattern SEEDS = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");
    private static final Pattern REPEATED = Pattern.compile("(\\d+)x(\\d+)");

    /** Each key's values, parsed; a key set twice keeps the later values. */
    private final Map<String, List<?>> values = new LinkedHashMap<>();

    /** A grid of the defaults alone, to which {@link #with} adds settings. */
    public SweepGrid() {
    }

    /**
     * The grid written in {@code file}.
     *
     * @throws IllegalArgumentException naming the file and line of what is wrong
     */
    public static SweepGrid read(Path file) throws IOException {
        SweepGrid grid = new SweepGrid();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            try {
                if (colon < 0) {
                    throw new IllegalArgumentException("expected 'key: value, value, ...', got '" + line + "'");
                }
                grid.with(line.substring(0, colon).strip(), line.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return grid;
    }

    /**
     * Sets {@code key} to the comma-separated {@code values}.
     *
     * @throws IllegalArgumentException for an unknown key or a value it does not take, quoting it
     */
    public SweepGrid with(String key, String text) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "'; expected one of "
                    + String.join(", ", KEYS));
        }
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        try {
            if (items.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("expected values separated by commas, got '" + text.strip()
                        + "'");
            }
            values.put(key, switch (key) {
                case "target" -> each(items, SweepGrid::target);
                case "hidden" -> each(items, SweepGrid::hidden);
                case "activation" -> each(items, SweepGrid::activation);
                case "optimizer" -> each(items, SweepGrid::optimizer);
                case "lr" -> each(items, v -> positive(Double.parseDouble(v)));
                case "seed" -> items.stream().flatMap(v -> seeds(v).stream()).toList();
                default -> each(items, v -> positive(Integer.parseInt(v)));
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Every combination of the settings, the last key of {@link #KEYS} varying fastest.
     *
     * @throws IllegalArgumentException when no hidden shape is given, or a combination cannot train (a batch larger
     *     than the points)
     */
    public List<FitTrial> trials() {
        if (!values.containsKey("hidden")) {
            throw new IllegalArgumentException("the grid has no network shapes: give hidden, such as 'hidden: 31, "
                    + "8-8-8-8' (one layer of 31 units; four of 8)");
        }
        List<FitTrial> trials = new ArrayList<>();
        for (Object t : get("target")) {
            for (Object h : get("hidden")) {
                for (Object a : get("activation")) {
                    for (Object o : get("optimizer")) {
                        for (Object lr : get("lr")) {
                            for (Object b : get("batch-size")) {
                                for (Object e : get("epochs")) {
                                    for (Object p : get("points")) {
                                        for (Object s : get("seed")) {
                                            trials.add(new FitTrial((Target) t, ints(h), (Activation) a, (Long) s,
                                                    (Integer) e, (Integer) b, (String) o, (Double) lr, (Integer) p));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return trials;
    }

    private List<?> get(String key) {
        List<?> v = values.get(key);
        return v != null ? v : with(key, DEFAULTS.get(key)).values.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ints(Object hidden) {
        return (List<Integer>) hidden;
    }

    private static <T> List<T> each(List<String> items, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String item : items) {
            try {
                out.add(parse.apply(item));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not a number", e);
            }
        }
        return out;
    }

    private static <N extends Number> N positive(N n) {
        if (!(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw new IllegalArgumentException("expected a positive number, got " + n);
        }
        return n;
    }

    /** A target by the name its {@link Target#name()} prints: {@code sin(10x)}, {@code sawtooth t^4}. */
    static Target target(String name) {
        Matcher sine = SINE.matcher(name);
        if (sine.matches()) {
            return new Target.Sine(Double.parseDouble(sine.group(1)));
        }
        Matcher saw = SAWTOOTH.matcher(name);
        if (saw.matches()) {
            return new Target.Sawtooth(Integer.parseInt(saw.group(1)));
        }
        throw new IllegalArgumentException("unknown target '" + name + "'; expected sin(Fx), such as sin(10x), or "
                + "sawtooth t^K, the tent map composed K times");
    }

    /** {@code 8-8-8-8}, or {@code 8x4}: the hidden layers' widths. */
    static List<Integer> hidden(String shape) {
        Matcher repeated = REPEATED.matcher(shape);
        List<Integer> widths = repeated.matches()
                ? Collections.nCopies(Integer.parseInt(repeated.group(2)), Integer.parseInt(repeated.group(1)))
                : Arrays.stream(shape.split("-", -1)).map(w -> w.matches("\\d+") ? Integer.parseInt(w) : 0).toList();
        if (widths.isEmpty() || widths.contains(0)) {
            throw new IllegalArgumentException("'" + shape + "' is not a network shape: expected the hidden layers' "
                    + "widths joined by '-', such as 8-8-8-8, or WIDTHxLAYERS, such as 8x4");
        }
        return widths;
    }

    static Activation activation(String name) {
        return Arrays.stream(Activation.values()).filter(a -> a.text().equals(name) && a != Activation.STEP)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown activation '" + name
                        + "'; expected one of " + Arrays.stream(Activation.values()).filter(a -> a != Activation.STEP)
                        .map(Activation::text).collect(Collectors.joining(", "))));
    }

    static String optimizer(String name) {
        Optimizer.of(name, 1);
        return name;
    }

    /** {@code 7}, or a range {@code 1..3}. */
    static List<Long> seeds(String text) {
        Matcher range = SEEDS.matcher(text);
        try {
            if (!range.matches()) {
                return List.of(Long.parseLong(text));
            }
            long from = Long.parseLong(range.group(1));
            long to = Long.parseLong(range.group(2));
            if (to < from || to - from >= 100_000) {
                throw new IllegalArgumentException("the range " + text + " must go up, by at most 100000 seeds");
            }
            List<Long> seeds = new ArrayList<>();
            for (long s = from; s <= to; s++) {
                seeds.add(s);
            }
            return seeds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a seed: expected a whole number or a range "
                    + "such as 1..3", e);
        }
    }
}
