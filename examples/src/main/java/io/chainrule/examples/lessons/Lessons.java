package io.chainrule.examples.lessons;

import java.util.List;
import java.util.Optional;

/** The lesson's runnable claims, in the lesson's order. */
public final class Lessons {
    private static final List<Lesson> ALL = List.of(
            new NeuronLesson(),
            new PerceptronLesson(),
            new ActivationsLesson(),
            new VanishingLesson(),
            new NoActivationsLesson(),
            new BackpropFlowLesson(),
            new NoBackpropLesson(),
            new LossesLesson(),
            new OverfittingLesson(),
            new ChallengeLesson());

    private Lessons() {
    }

    public static List<Lesson> all() {
        return ALL;
    }

    public static Optional<Lesson> find(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
