package io.chainrule.examples.cli;

import io.chainrule.codegen.kernels.Gemm;
import java.lang.management.ManagementFactory;
import java.util.List;

/** What {@code --version} says about the runtime: the JVM with its options, and where the matrix products run. */
final class RuntimeReport {
    private RuntimeReport() {
    }

    /** Java's version, vendor and home, and the options the user gave it (not those a restart added). */
    static String java() {
        boolean restarted = restarted();
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !restarted || !addedByRestart(option)).toList();
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home") + (options.isEmpty() ? ", no JVM options"
                : ", JVM options: " + String.join(" ", options));
    }

    /** The products' path: the Vector API and its width, or plain loops and why. */
    static String products() {
        if (Gemm.usesVectorApi()) {
            return "matrix products on the Vector API (" + Gemm.vectorBits() + "-bit vectors)"
                    + (restarted() ? ", java restarted with --add-modules " + LaunchDecision.MODULE : "");
        }
        if (LaunchFacts.moduleLoadedHere()) {
            return new LaunchDecision.RunHere(LaunchDecision.CPU_WITHOUT_VECTORS).summary();
        }
        return LaunchDecision.of(LaunchFacts.ofThisJvm()) instanceof LaunchDecision.RunHere here ? here.summary()
                : new LaunchDecision.RunHere(LaunchDecision.MODULE + " is not loaded; " + LaunchDecision.ADD_MODULE)
                        .summary();
    }

    private static boolean restarted() {
        return System.getProperty(LaunchDecision.LAUNCHER_PID_PROPERTY) != null;
    }

    private static boolean addedByRestart(String option) {
        return option.equals("--add-modules=" + LaunchDecision.MODULE)
                || option.startsWith("-D" + LaunchDecision.LAUNCHER_PID_PROPERTY + "=");
    }
}
