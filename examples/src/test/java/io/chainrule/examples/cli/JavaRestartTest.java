package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRestartTest {

    @Test
    void theChildIsThisJavaWithTheSameOptionsThenTheJarsOptionsThenTheModuleThenChainrulesArguments() {
        LaunchFacts jvm = new LaunchFacts(false, true, true,
                List.of("-Dfrom.env=1", "-Xmx123m", "-Dtitle=a b", "-XX:+UseSerialGC", "--add-modules=java.sql"),
                "/opt/jdk-17", "/work/chainrule.jar", null, null, null);
        List<String> command = JavaRestart.command(jvm, List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"), 4242,
                "io.chainrule.examples.cli.Main", List.of("train", "mnist-mlp", "--epochs", "1"));
        assertEquals(List.of(Path.of("/opt/jdk-17", "bin", "java").toString(), "-Dfrom.env=1", "-Xmx123m",
                "-Dtitle=a b", "-XX:+UseSerialGC", "--add-modules=java.sql",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
                "-Dchainrule.launcher.pid=4242", "-cp", "/work/chainrule.jar", "io.chainrule.examples.cli.Main",
                "train", "mnist-mlp", "--epochs", "1"), command);
    }

    @Test
    void theOptionsJarsListAreReadFromEveryJarInClassPathOrder(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path none = dir.resolve("none");
        Files.createDirectories(first.resolve("META-INF/chainrule"));
        Files.createDirectories(second.resolve("META-INF/chainrule"));
        Files.createDirectories(none);
        Files.writeString(first.resolve(JavaRestart.JAR_OPTIONS), "  --add-opens=java.base/java.nio=ALL-UNNAMED\n"
                + "-Dio.netty.tryReflectionSetAccessible=true\n");
        Files.writeString(second.resolve(JavaRestart.JAR_OPTIONS), "--enable-native-access=ALL-UNNAMED");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), none.toUri().toURL(),
                second.toUri().toURL()}, null)) {
            assertEquals(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "-Dio.netty.tryReflectionSetAccessible=true", "--enable-native-access=ALL-UNNAMED"),
                    JavaRestart.jarOptions(loader));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {none.toUri().toURL()}, null)) {
            assertEquals(List.of(), JavaRestart.jarOptions(loader));
        }
    }

    @Test
    void theChildInheritsTheStandardStreams() {
        ProcessBuilder builder = JavaRestart.processBuilder(List.of("java", "-version"));
        assertEquals(Redirect.INHERIT, builder.redirectInput());
        assertEquals(Redirect.INHERIT, builder.redirectOutput());
        assertEquals(Redirect.INHERIT, builder.redirectError());
    }
}
