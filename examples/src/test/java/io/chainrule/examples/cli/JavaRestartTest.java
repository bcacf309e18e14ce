package io.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaRestartTest {

    @Test
    void theChildIsThisJavaWithTheSameOptionsThenTheModuleThenChainrulesArguments() {
        LaunchFacts jvm = new LaunchFacts(false, true, true,
                List.of("-Dfrom.env=1", "-Xmx123m", "-Dtitle=a b", "-XX:+UseSerialGC", "--add-modules=java.sql"),
                "/opt/jdk-17", "/work/chainrule.jar", null, null, null);
        List<String> command = JavaRestart.command(jvm, 4242, "io.chainrule.examples.cli.Main",
                List.of("train", "mnist-mlp", "--epochs", "1"));
        assertEquals(List.of(Path.of("/opt/jdk-17", "bin", "java").toString(), "-Dfrom.env=1", "-Xmx123m",
                "-Dtitle=a b", "-XX:+UseSerialGC", "--add-modules=java.sql", "--add-modules=jdk.incubator.vector",
                "-Dchainrule.launcher.pid=4242", "-cp", "/work/chainrule.jar", "io.chainrule.examples.cli.Main",
                "train", "mnist-mlp", "--epochs", "1"), command);
    }

    @Test
    void theChildInheritsTheStandardStreams() {
        ProcessBuilder builder = JavaRestart.processBuilder(List.of("java", "-version"));
        assertEquals(Redirect.INHERIT, builder.redirectInput());
        assertEquals(Redirect.INHERIT, builder.redirectOutput());
        assertEquals(Redirect.INHERIT, builder.redirectError());
    }
}
