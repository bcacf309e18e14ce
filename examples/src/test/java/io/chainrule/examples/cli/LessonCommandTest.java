package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.examples.lessons.Lesson;
import io.chainrule.examples.lessons.Lessons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCommandTest {
    @Test
    void withoutANameItListsTheLessons() {
        CliRun r = CliRun.of("lesson");
        assertEquals(0, r.exitCode(), r.both());
        for (Lesson l : Lessons.all()) {
            assertTrue(r.out().contains(l.name() + " "), r.both());
        }
        assertEquals(Lessons.all().size(), r.out().lines().count(), r.both());
    }

    @Test
    void anUnknownLessonIsAUsageErrorNamingTheLessons() {
        CliRun r = CliRun.of("lesson", "nope");
        assertEquals(2, r.exitCode(), r.both());
        assertTrue(r.firstErrorLine().startsWith("chainrule lesson: unknown lesson 'nope' (lessons: "
                + Lessons.all().get(0).name()), r.both());
    }

    @Test
    void aLessonWritesItsPicturesWhereAskedAndSaysSo(@TempDir Path dir) {
        CliRun r = CliRun.of("lesson", "activations", "--quick", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().startsWith("activations: "), r.both());
        assertTrue(r.out().contains("wrote " + dir.resolve("relu") + ".png and .svg"), r.both());
        assertTrue(Files.isRegularFile(dir.resolve("gelu.png")) && Files.isRegularFile(dir.resolve("gelu.svg")));
    }
}
