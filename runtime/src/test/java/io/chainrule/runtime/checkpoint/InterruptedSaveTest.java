package io.chainrule.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.runtime.Tensor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves interrupted for good, in another process: a killed save's temporary file is removed by the next save to the
 * same target, a save still running keeps its own, and a save stopped by a signal removes its own on the way out.
 */
class InterruptedSaveTest {
    @TempDir
    Path dir;

    private Process writer;

    @AfterEach
    void stopTheWriter() throws InterruptedException {
        if (writer != null) {
            writer.destroyForcibly().waitFor();
        }
    }

    /** Starts {@link HangingSave} on {@code target} and returns once it is writing its temporary file. */
    private void startHangingSave(Path target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the tests run patched into the module: the main classes are on the module path, the tests' on both
        String classPath = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        writer = new ProcessBuilder(java, "-cp", classPath, HangingSave.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = lines.readLine(); !"writing".equals(line); line = lines.readLine()) {
            if (line == null) {
                throw new AssertionError("the saving process ended before writing: " + said);
            }
            said.append(line).append('\n');
        }
    }

    private static void save(Path target) throws IOException {
        SafeTensors.write(target, Map.of("w", Tensor.of(new float[] {1, 2}, 2)), Map.of());
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aKilledSavesTemporaryFileIsRemovedByTheNextSaveButALiveSavesIsKept() throws Exception {
        Path target = dir.resolve("model.safetensors");
        startHangingSave(target);
        List<Path> temporary = filesInDir();
        assertEquals(1, temporary.size(), temporary.toString());
        assertTrue(Files.size(temporary.get(0)) >= 1 << 20);

        save(target);
        assertEquals(Stream.concat(temporary.stream(), Stream.of(target)).sorted().toList(), filesInDir(),
                "a save beside one in progress leaves that one's temporary file");

        writer.destroyForcibly().waitFor();
        save(target);
        assertEquals(List.of(target), filesInDir(), "the next save removes a killed save's temporary file");
    }

    @Test
    void aSaveStoppedByASignalRemovesItsTemporaryFile() throws Exception {
        startHangingSave(dir.resolve("model.safetensors"));
        writer.destroy();
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the saving process ends on SIGTERM");
        assertEquals(List.of(), filesInDir());
    }
}
