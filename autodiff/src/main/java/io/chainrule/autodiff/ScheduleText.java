package io.chainrule.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a {@link LearningRateSchedule} from the text {@code describe()} writes, {@code cosine(t_max=50, eta_min=0.0)},
 * or from the command line's form: comma-separated values, each schedule's name starting its group,
 * {@code warmup:100,0.01,cosine:50}.
 */
final class ScheduleText {
    private static final String WHAT = "learning-rate schedule";
    private static final String FORMS = "constant, step:STEP_SIZE[,GAMMA], cosine:T_MAX[,ETA_MIN] or "
            + "warmup:STEPS[,START_FACTOR][,SCHEDULE]";

    private ScheduleText() {
    }

    static LearningRateSchedule parse(String text) {
        return text.contains("(") ? described(Described.parse(WHAT, text)) : shortForm(text);
    }

    private static LearningRateSchedule described(Described d) {
        return switch (d.name()) {
            case "constant" -> {
                d.expectKeys();
                yield new LearningRateSchedule.Constant();
            }
            case "step" -> {
                d.expectKeys("step_size", "gamma");
                int stepSize = d.whole("step_size");
                double gamma = d.number("gamma");
                yield d.made(() -> new LearningRateSchedule.StepDecay(stepSize, gamma));
            }
            case "cosine" -> {
                d.expectKeys("t_max", "eta_min");
                int tMax = d.whole("t_max");
                double etaMin = d.number("eta_min");
                yield d.made(() -> new LearningRateSchedule.CosineAnnealing(tMax, etaMin));
            }
            case "warmup" -> {
                d.expectKeys("steps", "start_factor", "then");
                long steps = d.whole("steps");
                double startFactor = d.number("start_factor");
                LearningRateSchedule then = d.made(() -> described(Described.parse("then", d.text("then"))));
                yield d.made(() -> new LearningRateSchedule.Warmup(steps, startFactor, then));
            }
            default -> throw d.fail("unknown schedule '" + d.name() + "'; expected constant, step, cosine or warmup");
        };
    }

    /** One schedule of the short form: its name and the values after it. */
    private record Group(String name, List<String> values) {
    }

    private static LearningRateSchedule shortForm(String text) {
        List<Group> groups = groups(text);
        LearningRateSchedule schedule = new LearningRateSchedule.Constant();
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group g = groups.get(i);
            if (i < groups.size() - 1 && !g.name().equals("warmup")) {
                throw error(text, g.name() + " must come last; only a warm-up is followed by another schedule");
            }
            schedule = schedule(text, g, schedule);
        }
        return schedule;
    }

    /** Splits {@code name:v,v,name:v} at each value that starts with a letter, the name of the next schedule. */
    private static List<Group> groups(String text) {
        if (text.isBlank()) {
            throw error(text, "empty; expected " + FORMS);
        }
        List<Group> groups = new ArrayList<>();
        for (String token : text.split(",", -1)) {
            String t = token.strip();
            if (!t.isEmpty() && Character.isLetter(t.charAt(0))) {
                int colon = t.indexOf(':');
                List<String> values = new ArrayList<>();
                if (colon >= 0) {
                    values.add(t.substring(colon + 1).strip());
                }
                groups.add(new Group(colon >= 0 ? t.substring(0, colon).strip() : t, values));
            } else if (groups.isEmpty()) {
                throw error(text, "'" + t + "' is not a schedule; expected " + FORMS);
            } else {
                groups.get(groups.size() - 1).values().add(t);
            }
        }
        return groups;
    }

    private static LearningRateSchedule schedule(String text, Group g, LearningRateSchedule following) {
        List<String> v = g.values();
        Supplier<LearningRateSchedule> make = switch (g.name()) {
            case "constant" -> {
                expectValues(text, g, 0, 0, "constant");
                yield LearningRateSchedule.Constant::new;
            }
            case "step" -> {
                expectValues(text, g, 1, 2, "step:STEP_SIZE[,GAMMA]");
                int stepSize = whole(text, v.get(0));
                double gamma = v.size() > 1 ? number(text, v.get(1)) : 0.1;
                yield () -> new LearningRateSchedule.StepDecay(stepSize, gamma);
            }
            case "cosine" -> {
                expectValues(text, g, 1, 2, "cosine:T_MAX[,ETA_MIN]");
                int tMax = whole(text, v.get(0));
                double etaMin = v.size() > 1 ? number(text, v.get(1)) : 0;
                yield () -> new LearningRateSchedule.CosineAnnealing(tMax, etaMin);
            }
            case "warmup" -> {
                expectValues(text, g, 1, 2, "warmup:STEPS[,START_FACTOR][,SCHEDULE]");
                int steps = whole(text, v.get(0));
                double startFactor = v.size() > 1 ? number(text, v.get(1)) : 1.0 / 3;
                yield () -> new LearningRateSchedule.Warmup(steps, startFactor, following);
            }
            default -> throw error(text, "unknown schedule '" + g.name() + "'; expected " + FORMS);
        };
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw error(text, e.getMessage());
        }
    }

    private static void expectValues(String text, Group g, int min, int max, String form) {
        if (g.values().size() < min || g.values().size() > max) {
            throw error(text, g.name() + " takes " + form + ", got " + g.values().size() + " values");
        }
    }

    private static int whole(String text, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(text, "'" + value + "' is not a whole number");
        }
    }

    private static double number(String text, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw error(text, "'" + value + "' is not a number");
        }
    }

    private static IllegalArgumentException error(String text, String problem) {
        return Described.error(WHAT, text, problem);
    }
}
