package io.chainrule.examples.cli;

import io.chainrule.examples.lessons.Lesson;
import io.chainrule.examples.lessons.LessonRun;
import io.chainrule.examples.lessons.Lessons;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chainrule lesson [NAME]}: runs one of the lesson's claims, or lists them. */
@Command(name = "lesson", sortOptions = false, description = "Run one claim of the lesson on neural networks: it "
        + "prints what it shows and writes its pictures (PNG and SVG). Without a name, list them.")
final class LessonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<name>", description = "The lesson to run.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the pictures go (default: lesson-out/<name>).")
    Path out;

    @Option(names = "--quick", description = "A smaller run that makes the same claim, as the tests run it.")
    boolean quick;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where MNIST is, for the lessons that use it (else $CHAINRULE_DATA, else ../shared/data).")
    String data;

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            for (Lesson l : Lessons.all()) {
                System.out.printf(Locale.ROOT, "%-14s %s%n", l.name(), l.title());
            }
            return 0;
        }
        Lesson lesson = Lessons.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown lesson '" + name + "' (lessons: " + String.join(", ",
                        Lessons.all().stream().map(Lesson::name).toList()) + ")"));
        Path folder = out != null ? out : Path.of("lesson-out", lesson.name());
        System.out.println(lesson.name() + ": " + lesson.title());
        if (data != null && data.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--data \"" + data + "\" names no directory");
        }
        lesson.run(new LessonRun(System.out, folder, quick, data));
        return 0;
    }
}
