package io.chainrule.examples.cli;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fast path wherever chainrule starts: in a JVM without jdk.incubator.vector, run chainrule in a JVM restarted
 * with it, or say in one line why not (docs/ARCHITECTURE.md, "Launch", says why a restart).
 */
final class VectorRestart {
    private VectorRestart() {
    }

    /**
     * Runs chainrule's command line in a restarted JVM when this one should be; returns its exit code, or empty when
     * chainrule is to run here.
     */
    static OptionalInt run(String mainClass, String[] args) throws InterruptedException {
        try {
            if (LaunchFacts.moduleLoadedHere()) {
                String launcherPid = System.getProperty(LaunchDecision.LAUNCHER_PID_PROPERTY);
                if (launcherPid != null) {
                    LauncherWatch.start(launcherPid);
                }
                return OptionalInt.empty();
            }
            if (LaunchDecision.runsNoProducts(List.of(args))) {
                return OptionalInt.empty();
            }
            LaunchFacts jvm = LaunchFacts.ofThisJvm();
            if (LaunchDecision.of(jvm) instanceof LaunchDecision.RunHere here) {
                here.notice().ifPresent(System.err::println);
                return OptionalInt.empty();
            }
            try {
                List<String> command = JavaRestart.command(jvm, JavaRestart.jarOptions(Main.class.getClassLoader()),
                        ProcessHandle.current().pid(), mainClass, List.of(args));
                return OptionalInt.of(JavaRestart.run(command));
            } catch (IOException e) {
                System.err.println(new LaunchDecision.RunHere("java could not be restarted with "
                        + LaunchDecision.MODULE + " (" + e.getMessage() + "); " + LaunchDecision.ADD_MODULE)
                        .notice().orElseThrow());
                return OptionalInt.empty();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("chainrule: " + e.getMessage());
            return OptionalInt.of(2);
        }
    }
}
