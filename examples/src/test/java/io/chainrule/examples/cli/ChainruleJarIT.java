package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.codegen.kernels.Gemm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar run as the README shows it, {@code java -jar chainrule.jar ...} without --add-modules, in a child
 * process: it restarts java with the Vector API module and the user's JVM options, and passes exit codes and signals
 * through. This JVM runs with the module, so {@link Gemm} says what the products run on here.
 */
@Timeout(120)
class ChainruleJarIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JAR = System.getProperty("chainrule.jar");
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path tmp;

    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    private ProcessBuilder java(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
                "CHAINRULE_RELAUNCH"));
        builder.environment().putAll(environment);
        return builder;
    }

    private Run run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process process = java(environment, arguments).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "java " + List.of(arguments) + " did not end");
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    /** stderr without the JDK's incubator warning, which the restarted JVM prints (it cannot be turned off). */
    private static List<String> withoutIncubatorWarning(List<String> err) {
        return err.stream().filter(line -> !line.equals(INCUBATOR_WARNING)).toList();
    }

    @Test
    void runsTheProductsOnTheVectorApiWithTheUsersJvmOptions() throws Exception {
        Run r = run(Map.of("JDK_JAVA_OPTIONS", "-Dfrom.env=1"), "-Xmx123m", "-Dchainrule.probe=a b", "-jar", JAR,
                "--version");
        assertEquals(0, r.exitCode(), r.err().toString());
        assertEquals(3, r.out().size(), r.out().toString());
        assertTrue(r.out().get(1).endsWith(", JVM options: -Dfrom.env=1 -Xmx123m -Dchainrule.probe=a b"),
                "each option once, the environment's first: " + r.out());
        String products = Gemm.usesVectorApi()
                ? "matrix products on the Vector API (" + Gemm.vectorBits() + "-bit vectors), java restarted with "
                        + "--add-modules jdk.incubator.vector"
                : "matrix products on plain Java loops: " + LaunchDecision.CPU_WITHOUT_VECTORS;
        assertEquals(products, r.out().get(2));
        assertEquals(List.of("NOTE: Picked up JDK_JAVA_OPTIONS: -Dfrom.env=1"), withoutIncubatorWarning(r.err()),
                "the launcher's note once: the restarted java does not read JDK_JAVA_OPTIONS again");
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        Run usage = run(Map.of(), "-jar", JAR, "bench", "sin-mlp", "--no-such-option");
        assertEquals(2, usage.exitCode(), usage.err().toString());
        assertEquals("chainrule bench: Unknown option: '--no-such-option'",
                withoutIncubatorWarning(usage.err()).get(0));
        Run failure = run(Map.of(), "-jar", JAR, "train", "mnist-linear", "--data", tmp.resolve("none").toString());
        assertEquals(1, failure.exitCode(), failure.err().toString());
        assertTrue(withoutIncubatorWarning(failure.err()).get(0).startsWith("chainrule train: "), failure.err()
                .toString());
    }

    @Test
    void turnedOffItRunsHereOnPlainLoopsAndSaysSoInOneLine() throws Exception {
        Run r = run(Map.of(), "-Dchainrule.relaunch=false", "-jar", JAR, "--version");
        assertEquals(0, r.exitCode(), r.err().toString());
        String why = "-Dchainrule.relaunch=false keeps chainrule in this JVM; start java with --add-modules "
                + "jdk.incubator.vector for the Vector API (about 3x faster)";
        assertEquals(List.of("chainrule: matrix products on plain Java loops: " + why), r.err());
        assertEquals("matrix products on plain Java loops: " + why, r.out().get(2));
    }

    /** Starts a long bench through the restart and returns the launcher once the child has printed its first line. */
    private Process longBench(Path err) throws IOException {
        Process launcher = java(Map.of(), "-jar", JAR, "bench", "sin-mlp", "--seconds", "60")
                .redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("sin_mlp_train training step"), first);
        return launcher;
    }

    private static ProcessHandle onlyChild(Process launcher) {
        List<ProcessHandle> children = launcher.children().toList();
        assertEquals(1, children.size(), children.toString());
        return children.get(0);
    }

    @Test
    void sigtermToTheLauncherStopsTheChildAndEndsWithItsCode() throws Exception {
        Process launcher = longBench(tmp.resolve("err.txt"));
        ProcessHandle child = onlyChild(launcher);
        launcher.destroy();
        assertEquals(143, launcher.waitFor(), "128 + SIGTERM");
        assertFalse(child.isAlive(), "the launcher waits for its child");
    }

    @Test
    void theChildStopsWhenTheLauncherIsKilled() throws Exception {
        Path err = tmp.resolve("err.txt");
        Process launcher = longBench(err);
        ProcessHandle child = onlyChild(launcher);
        launcher.destroyForcibly();
        launcher.waitFor();
        child.onExit().get(20, TimeUnit.SECONDS);
        assertEquals(List.of("chainrule: stopping: the java process that started this one (pid " + launcher.pid()
                + ") has ended"), withoutIncubatorWarning(Files.readAllLines(err)));
    }
}
