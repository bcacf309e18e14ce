package io.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainrule.codegen.kernels.Gemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * chainrule on the module path, as a modular application uses the library (the tests and the shaded jar run on the
 * class path, where the descriptors are ignored): the command-line module reads the packages the library exports,
 * picocli sets the options of the commands the descriptor opens to it, and a compiled step, a hidden class in
 * codegen's module, runs its products on the Vector API once jdk.incubator.vector is added, which codegen requires
 * only statically. This JVM runs with the module, so {@link Gemm} says what the products run on here.
 */
@Timeout(120)
class ModulePathIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String MODULE_PATH = System.getProperty("chainrule.module.path").strip();

    @Test
    void benchRunsACompiledStepFromTheModulePath() throws IOException, InterruptedException {
        List<String> command = List.of(JAVA, "--module-path", MODULE_PATH, "--add-modules", "jdk.incubator.vector",
                "-m", "io.chainrule.examples/io.chainrule.examples.cli.Main", "bench", "xor-mlp", "--seconds", "0.2");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "bench on the module path did not end");
        assertEquals(0, process.exitValue(), output);
        String products = Gemm.usesVectorApi()
                ? "products on the Vector API (" + Gemm.vectorBits() + "-bit vectors)"
                : "products on plain Java loops";
        assertTrue(output.lines().anyMatch(line -> line.startsWith(products)), products + " in:\n" + output);
        assertTrue(output.lines().anyMatch(line -> line.startsWith("speedup compiled/interpreted: ")), output);
    }
}
