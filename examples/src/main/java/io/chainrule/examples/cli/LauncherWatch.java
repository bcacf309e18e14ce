package io.chainrule.examples.cli;

import java.util.Optional;

/**
 * In a JVM that chainrule restarted: stops it when the launching JVM is gone, which a SIGKILL ends without running its
 * shutdown hooks (Java cannot ask the kernel to signal a child when its parent dies). The launcher is polled: {@link
 * ProcessHandle#onExit} waits up to 5 s between polls of a process that is not a child.
 */
final class LauncherWatch {
    private static final long POLL_MILLIS = 200;

    private LauncherWatch() {
    }

    /** Starts watching the process whose pid is {@code pidText}; a launcher already gone stops this JVM at once. */
    static void start(String pidText) {
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + LaunchDecision.LAUNCHER_PID_PROPERTY + "=" + pidText
                    + ": expected the pid of the java process that started chainrule", e);
        }
        Optional<ProcessHandle> launcher = ProcessHandle.of(pid);
        Thread watch = new Thread(() -> {
            while (launcher.isPresent() && alive(launcher.get())) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("chainrule: stopping: the java process that started this one (pid " + pid
                    + ") has ended");
            System.exit(1);
        }, "chainrule-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * A killed launcher that its own parent has not reaped yet is a zombie, which {@link ProcessHandle#isAlive} counts
     * as alive; but its children have been given to another parent as it died.
     */
    private static boolean alive(ProcessHandle launcher) {
        return launcher.isAlive()
                && ProcessHandle.current().parent().filter(parent -> parent.pid() == launcher.pid()).isPresent();
    }
}
