package io.chainrule.examples.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether chainrule restarts java with the Vector API module (the JDK has no manifest attribute or API that adds a
 * module to a running JVM's boot layer), and if it runs here without the module, why: one line on stderr.
 */
sealed interface LaunchDecision {
    String MODULE = "jdk.incubator.vector";
    /** {@code -Dchainrule.relaunch=false} keeps chainrule in the JVM it was started in. */
    String RELAUNCH_PROPERTY = "chainrule.relaunch";
    /** {@code CHAINRULE_RELAUNCH=false} does the same, for every run from a shell. */
    String RELAUNCH_VARIABLE = "CHAINRULE_RELAUNCH";
    /** Set on the restarted JVM: the launching process's pid, which the restarted JVM watches. */
    String LAUNCHER_PID_PROPERTY = "chainrule.launcher.pid";
    String ADD_MODULE = "start java with --add-modules " + MODULE + " for the Vector API (about 3x faster)";
    String CPU_WITHOUT_VECTORS = "this CPU has no 256-bit vectors with FMA (AVX2 or AVX-512), without which the "
            + "Vector API is slower than plain loops";
    /** JVM options that attach a tool to this JVM: a restart would start a second debugger or recording. */
    List<String> TOOL_OPTIONS = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrun",
            "-XX:StartFlightRecording", "-XX:+FlightRecorder");

    /**
     * Commands that run no matrix product (gradcheck runs the interpreter in float64; dump compiles but does not run):
     * not worth a restart and its incubator warning. A command not listed here, a new one included, gets the restart.
     */
    Set<String> COMMANDS_WITHOUT_PRODUCTS = Set.of("models", "dump", "gradcheck", "download", "help");

    /** Restart java with the module and run chainrule there. */
    record Restart() implements LaunchDecision {
    }

    /** Run here; {@code why} (empty when the products run on the Vector API here) says why not, and the cure. */
    record RunHere(String why) implements LaunchDecision {
        /** Where the products run and why, when not on the Vector API. */
        String summary() {
            return "matrix products on plain Java loops: " + why;
        }

        /** The line printed on stderr, if any. */
        Optional<String> notice() {
            return why.isEmpty() ? Optional.empty() : Optional.of("chainrule: " + summary());
        }
    }

    /**
     * The decision for a JVM: run here when the module is loaded, cannot be had, would not help, or the user keeps
     * chainrule here; else restart.
     *
     * @throws IllegalArgumentException if the property or variable is neither true nor false
     */
    static LaunchDecision of(LaunchFacts jvm) {
        if (jvm.moduleLoaded()) {
            return new RunHere("");
        }
        Optional<String> turnedOff = turnedOff(jvm);
        if (jvm.launcherPid() != null) {
            return new RunHere("java restarted by chainrule did not load " + MODULE + "; " + ADD_MODULE);
        }
        if (!jvm.moduleInRuntime()) {
            return new RunHere("this Java runtime (" + jvm.javaHome() + ") has no " + MODULE
                    + " module; a JDK 17 or newer with it gives the Vector API");
        }
        if (!jvm.cpuHasVectors()) {
            return new RunHere(CPU_WITHOUT_VECTORS);
        }
        if (turnedOff.isPresent()) {
            return new RunHere(turnedOff.get() + " keeps chainrule in this JVM; " + ADD_MODULE);
        }
        Optional<String> tool = jvm.jvmOptions().stream()
                .filter(option -> TOOL_OPTIONS.stream().anyMatch(option::startsWith)).findFirst();
        if (tool.isPresent()) {
            return new RunHere("java is not restarted with " + MODULE + " while " + tool.get()
                    + " attaches a tool to this JVM; " + ADD_MODULE);
        }
        if (jvm.classPath().isEmpty()) {
            return new RunHere("java is not restarted with " + MODULE + ": chainrule was started from no class path; "
                    + ADD_MODULE);
        }
        return new Restart();
    }

    /**
     * Whether chainrule's arguments name a command that runs no products (the first that is not an option). A loop:
     * the first lambda would cost these commands' start-up some milliseconds.
     */
    static boolean runsNoProducts(List<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS_WITHOUT_PRODUCTS.contains(arg);
            }
        }
        return false;
    }

    /** The setting that turns restarting off, as the user wrote it: the property over the variable. */
    private static Optional<String> turnedOff(LaunchFacts jvm) {
        boolean byProperty = jvm.relaunchProperty() != null;
        String value = byProperty ? jvm.relaunchProperty() : jvm.relaunchVariable();
        if (value == null || value.equals("true")) {
            return Optional.empty();
        }
        String setting = byProperty ? "-D" + RELAUNCH_PROPERTY + "=" + value : RELAUNCH_VARIABLE + "=" + value;
        if (value.equals("false")) {
            return Optional.of(setting);
        }
        throw new IllegalArgumentException(setting + ": expected true or false");
    }
}
