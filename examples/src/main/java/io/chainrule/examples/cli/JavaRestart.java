package io.chainrule.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs chainrule in a second JVM, the same java with the same options plus the Vector API module, and waits for it:
 * the child inherits stdin, stdout and stderr; its exit code becomes this JVM's; a SIGINT or SIGTERM that ends this
 * JVM ends the child first (Ctrl-C reaches both anyway, being sent to the terminal's whole process group); if this JVM
 * is killed outright, the child's {@link LauncherWatch} notices and stops it.
 */
final class JavaRestart {
    /** Environment variables whose options are already among {@link LaunchFacts#jvmOptions()}: not applied twice. */
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");
    /** How long a child told to stop (SIGTERM: its shutdown hooks run) has before it is killed. */
    private static final long STOP_SECONDS = 10;

    private JavaRestart() {
    }

    /**
     * Where a jar on the class path lists the JVM options it needs, separated by white space: chainrule-spark.jar
     * lists Spark's, which a JVM cannot open to itself once started.
     */
    static final String JAR_OPTIONS = "META-INF/chainrule/java-options";

    /**
     * The child's command line: this runtime's java, this JVM's options, those the class path's jars list
     * ({@link #jarOptions}), the module and this process's pid (which also tells the child not to restart again),
     * then the class path, the main class and chainrule's arguments.
     */
    static List<String> command(LaunchFacts jvm, List<String> jarOptions, long pid, String mainClass,
            List<String> args) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        List<String> command = new ArrayList<>();
        command.add(Path.of(jvm.javaHome(), "bin", windows ? "java.exe" : "java").toString());
        command.addAll(jvm.jvmOptions());
        command.addAll(jarOptions);
        command.add("--add-modules=" + LaunchDecision.MODULE);
        command.add("-D" + LaunchDecision.LAUNCHER_PID_PROPERTY + "=" + pid);
        command.add("-cp");
        command.add(jvm.classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The options listed in {@link #JAR_OPTIONS} by the jars {@code loader} sees, in class-path order. */
    static List<String> jarOptions(ClassLoader loader) throws IOException {
        List<String> options = new ArrayList<>();
        for (URL list : Collections.list(loader.getResources(JAR_OPTIONS))) {
            try (InputStream in = list.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    options.addAll(List.of(text.split("\\s+")));
                }
            }
        }
        return options;
    }

    /** The child's process, standard streams inherited and the option variables removed. */
    static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().keySet().removeAll(OPTION_VARIABLES);
        return builder;
    }

    /** Starts the child and returns its exit code (128 + the signal's number if a signal ended it). */
    static int run(List<String> command) throws IOException, InterruptedException {
        Process child = processBuilder(command).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "chainrule-stop-child"));
        return child.waitFor();
    }

    /** Run as this JVM shuts down: a no-op after a normal exit, since the child has ended first. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }
}
