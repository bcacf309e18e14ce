package io.chainrule.examples.lessons;

import java.io.IOException;

/**
 * One claim of the lesson made runnable: {@code chainrule lesson <name>} prints what it shows and writes its pictures
 * (PNG and SVG) into its output folder; a test checks the claim.
 */
public interface Lesson {
    /** The command-line name: {@code activations}. */
    String name();

    /** One line: what the lesson shows. */
    String title();

    void run(LessonRun run) throws IOException;
}
